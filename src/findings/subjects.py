"""Who published an article, as the detectors need it: outlet name, kind and registry links."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from monitoring.models import Article, Source

#: Kinds of the dated rules (``rules.json`` ``applies_to``).
PRESS, MAGAZINE, GENERAL_SITE, SOCIAL, STATE = (
    "press",
    "magazine",
    "general_site",
    "social_network",
    "state",
)


@dataclass(frozen=True)
class Subject:
    """The registry side of a source: what a finding about it points at."""

    source: Source
    kind: str  # press | magazine | general_site | social_network | state
    outlet: str  # the registered name, else the source's name
    links: dict[str, Any] = field(default_factory=dict)  # Finding subject FKs

    @property
    def licensed_press(self) -> bool:
        return self.kind in {PRESS, MAGAZINE}

    @property
    def is_state_body(self) -> bool:
        return self.kind == STATE

    @property
    def key(self) -> str:
        """One key per outlet (a registry record, else the source)."""
        for name, value in self.links.items():
            if value is not None:
                return f"{name}:{value.pk}"
        return f"source:{self.source.pk}"


def subject_of(source: Source) -> Subject:
    """The subject of ``source`` (unregistered sources count as social-network publishers)."""
    links: dict[str, Any] = {"general_site": None, "press_agency": None, "social_account": None}
    if source.general_site is not None:
        links["general_site"] = source.general_site
        return Subject(source, GENERAL_SITE, source.general_site.name, links)
    if source.press_agency is not None:
        agency = source.press_agency
        links["press_agency"] = agency
        return Subject(source, MAGAZINE if agency.is_magazine else PRESS, agency.name, links)
    if source.social_account is not None:
        links["social_account"] = source.social_account
        return Subject(source, SOCIAL, source.social_account.name, links)
    if source.state_channel is not None:
        return Subject(source, STATE, source.state_channel.name, links)
    return Subject(source, SOCIAL, _plain_name(source.name), links)


def _plain_name(name: str) -> str:
    """ "Chợ Gia Nghĩa Online (fanpage)" → "Chợ Gia Nghĩa Online"; "Báo X — Tin mới" → "Báo X"."""
    for separator in (" — ", " - ", " ("):
        if separator in name:
            name = name.split(separator, 1)[0]
    return name.strip()


def article_subject(article: Article) -> Subject:
    return subject_of(article.source)


SOURCE_RELATED = (
    "source__general_site",
    "source__press_agency",
    "source__social_account",
    "source__state_channel",
)

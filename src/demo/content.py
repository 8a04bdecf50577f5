"""The fictional outlets and their stories, loaded from ``content/*.json``, and their timeline.

Every story has a place on the scenario timeline (``at``, minutes after server start; see
:mod:`demo.clock`): it is invisible before, shows its first version, may change at ``edit.at``
(title and text) and may be taken down at ``remove_at`` (404). Copies on the general site reuse
the text of a newspaper story verbatim (``copy_of``), ``delay`` minutes after it.
"""

from __future__ import annotations

import functools
import json
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core.text import fold_diacritics

CONTENT_DIR = Path(__file__).resolve().parent / "content"
#: ``{"press_agency": name}``, ``{"general_site": name}``, ``{"state_channel": url}``,
#: ``{"social_account": url}`` or the string ``"unregistered"``.
RegistryLink = dict[str, str] | str


def _nfc(value: Any) -> Any:
    """NFC-normalise every string inside a JSON value."""
    if isinstance(value, str):
        return unicodedata.normalize("NFC", value)
    if isinstance(value, list):
        return [_nfc(item) for item in value]
    if isinstance(value, dict):
        return {key: _nfc(item) for key, item in value.items()}
    return value


def _read(name: str, directory: Path) -> dict[str, Any]:
    data: dict[str, Any] = _nfc(json.loads((directory / name).read_text(encoding="utf-8")))
    return data


def slugify(title: str, limit: int = 80) -> str:
    """URL slug of a Vietnamese title: ``"Mưa lớn ở Gia Nghĩa"`` → ``"mua-lon-o-gia-nghia"``."""
    slug = re.sub(r"[^a-z0-9]+", "-", fold_diacritics(title)).strip("-")
    if len(slug) > limit:
        slug = slug[:limit].rsplit("-", 1)[0]
    return slug


@dataclass(frozen=True, slots=True)
class Endpoint:
    path: str
    format: str
    title: str


@dataclass(frozen=True, slots=True)
class Account:
    slug: str
    name: str
    url: str
    registry: RegistryLink


@dataclass(frozen=True, slots=True)
class Outlet:
    slug: str
    name: str
    profile: str
    domain: str
    tagline: str
    registry: RegistryLink
    id_base: int
    masthead: str
    sections: tuple[tuple[str, str], ...]
    endpoints: tuple[Endpoint, ...]
    footer: tuple[str, ...]
    accounts: tuple[Account, ...] = ()
    about: tuple[str, ...] = ()

    def section_name(self, slug: str) -> str:
        return dict(self.sections).get(slug, "")

    def account(self, slug: str) -> Account | None:
        return next((a for a in self.accounts if a.slug == slug), None)


@dataclass(frozen=True, slots=True)
class Version:
    title: str
    sapo: str
    body: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Story:
    key: str
    outlet: str
    section: str  # the account slug for social posts
    number: int
    path: str  # relative to the outlet prefix
    author: str
    at: float
    first: Version
    edited: Version | None = None
    edit_at: float | None = None
    remove_at: float | None = None
    credit: str = ""  # source line of a copy ("Theo Báo …"); empty when it names no source
    special: str = ""  # slow | flaky | redirect | cp1258 | truncated
    copy_of: str = ""
    link: str = ""  # social posts: key of the story they share

    def version_at(self, minute: float) -> Version | None:
        """What the story shows at scenario ``minute``; None before it appears or once removed."""
        if minute < self.at or (self.remove_at is not None and minute >= self.remove_at):
            return None
        if self.edited is not None and self.edit_at is not None and minute >= self.edit_at:
            return self.edited
        return self.first

    def modified_at(self, minute: float) -> float:
        """Scenario minute of the last change visible at ``minute``."""
        if self.edit_at is not None and minute >= self.edit_at:
            return self.edit_at
        return self.at


@dataclass(frozen=True)
class Ecosystem:
    outlets: dict[str, Outlet]
    stories: tuple[Story, ...]
    comments: tuple[tuple[str, str], ...] = ()
    hot_sections: tuple[str, ...] = ()
    _by_path: dict[tuple[str, str], Story] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        self._by_path.update({(s.outlet, s.path): s for s in self.stories})

    def story(self, outlet: str, path: str) -> Story | None:
        return self._by_path.get((outlet, path))

    def by_key(self, key: str) -> Story | None:
        return next((s for s in self.stories if s.key == key), None)

    def visible(self, outlet: str, minute: float) -> list[tuple[Story, Version]]:
        """Stories of ``outlet`` online at ``minute``, newest first."""
        shown = [(s, s.version_at(minute)) for s in self.stories if s.outlet == outlet]
        return sorted(
            ((s, v) for s, v in shown if v is not None), key=lambda sv: sv[0].at, reverse=True
        )


def _outlet(data: dict[str, Any]) -> Outlet:
    accounts = tuple(
        Account(a["slug"], a["name"], a["url"], a["registry"]) for a in data.get("accounts", [])
    )
    return Outlet(
        slug=data["slug"],
        name=data["name"],
        profile=data["profile"],
        domain=data["domain"],
        tagline=data["tagline"],
        registry=data["registry"],
        id_base=int(data["id_base"]),
        masthead=data.get("masthead", data["name"]),
        sections=tuple((s[0], s[1]) for s in data["sections"]),
        endpoints=tuple(Endpoint(e["path"], e["format"], e["title"]) for e in data["endpoints"]),
        footer=tuple(data["footer"]),
        accounts=accounts,
        about=tuple(data.get("about", [])),
    )


def _path(outlet: Outlet, section: str, title: str, number: int) -> str:
    if outlet.profile == "social":
        return f"{section}/posts/{number}"
    if outlet.profile == "national":
        return f"{section}/{slugify(title)}-post{number}.html"
    return f"{section}/{slugify(title)}-{number}.html"


def _version(data: dict[str, Any], base: Version | None = None) -> Version:
    if base is None:
        return Version(data["title"], data["sapo"], tuple(data["body"]))
    return Version(
        data.get("title", base.title),
        data.get("sapo", base.sapo),
        tuple(data.get("body", base.body)),
    )


def _article(outlet: Outlet, index: int, data: dict[str, Any]) -> Story:
    number = outlet.id_base + index
    first = _version(data)
    edit = data.get("edit")
    return Story(
        key=data["key"],
        outlet=outlet.slug,
        section=data["section"],
        number=number,
        path=_path(outlet, data["section"], first.title, number),
        author=data["author"],
        at=float(data["at"]),
        first=first,
        edited=_version(edit, first) if edit else None,
        edit_at=float(edit["at"]) if edit else None,
        remove_at=float(data["remove_at"]) if "remove_at" in data else None,
        special=data.get("special", ""),
    )


def _copy(outlet: Outlet, index: int, data: dict[str, Any], source: Story) -> Story:
    number = outlet.id_base + index
    first = Version(data.get("title", source.first.title), source.first.sapo, source.first.body)
    return Story(
        key=data["key"],
        outlet=outlet.slug,
        section=data["section"],
        number=number,
        path=_path(outlet, data["section"], first.title, number),
        author=source.author if data["credit"] else "PV",
        at=source.at + float(data["delay"]),
        first=first,
        credit=data["credit"],
        special=data.get("special", ""),
        copy_of=source.key,
    )


def _post(outlet: Outlet, index: int, data: dict[str, Any]) -> Story:
    number = outlet.id_base + index
    account = outlet.account(data["account"])
    if account is None:
        raise ValueError(f"unknown account {data['account']!r} in post {data['key']!r}")
    words = data["text"].split()
    title = " ".join(words[:14]) + ("…" if len(words) > 14 else "")
    return Story(
        key=data["key"],
        outlet=outlet.slug,
        section=account.slug,
        number=number,
        path=_path(outlet, account.slug, title, number),
        author=account.name,
        at=float(data["at"]),
        first=Version(title, "", (data["text"],)),
        link=data.get("link", ""),
    )


def _stories(outlets: dict[str, Outlet], directory: Path) -> tuple[list[Story], dict[str, Any]]:
    stories: list[Story] = []
    extra: dict[str, Any] = {}
    for slug, outlet in outlets.items():
        data = _read(f"{slug}.json", directory)
        stories += [_article(outlet, i, a) for i, a in enumerate(data.get("articles", []))]
        stories += [_post(outlet, i, p) for i, p in enumerate(data.get("posts", []))]
        if "copies" in data:
            extra.update({k: data[k] for k in ("comments", "hot") if k in data})
            by_key = {s.key: s for s in stories}
            stories += [
                _copy(outlet, i, c, by_key[c["copy_of"]]) for i, c in enumerate(data["copies"])
            ]
    return stories, extra


@functools.cache
def load_ecosystem(directory: Path = CONTENT_DIR) -> Ecosystem:
    """All outlets and stories (cached; the content is read-only)."""
    outlets = {o["slug"]: _outlet(o) for o in _read("outlets.json", directory)["outlets"]}
    stories, extra = _stories(outlets, directory)
    keys = [s.key for s in stories]
    if len(keys) != len(set(keys)):
        raise ValueError("duplicate story keys in demo content")
    return Ecosystem(
        outlets=outlets,
        stories=tuple(stories),
        comments=tuple((c[0], c[1]) for c in extra.get("comments", [])),
        hot_sections=tuple(extra.get("hot", [])),
    )

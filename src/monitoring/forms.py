"""Forms of the monitoring app."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.db import models
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from monitoring.choices import SourceKind
from monitoring.models import Source
from monitoring.pipeline.discover import check_listing_pattern
from monitoring.pipeline.listing import MAX_PATTERN_CHARS, MAX_UNBOUNDED_REPEATS


def _pattern_messages() -> dict[str, str]:
    """The pure checker's English reasons → the officer's language (looked up per request)."""
    return {
        "the pattern is empty": gettext("the pattern is empty"),
        f"the pattern is longer than {MAX_PATTERN_CHARS} characters": gettext(
            "the pattern is longer than %(n)s characters"
        )
        % {"n": MAX_PATTERN_CHARS},
        "back-references are not allowed": gettext("back-references are not allowed"),
        "nested repetition such as (a+)+ is not allowed (it can run for hours)": gettext(
            "nested repetition such as (a+)+ is not allowed (it can run for hours)"
        ),
        f"more than {MAX_UNBOUNDED_REPEATS} unbounded repetitions (*, +, {{n,}})": gettext(
            "more than %(n)s unbounded repetitions (*, +, {n,})"
        )
        % {"n": MAX_UNBOUNDED_REPEATS},
        "the pattern is too slow on long URLs (simplify repeated wildcards such as .*.*)": gettext(
            "the pattern is too slow on long URLs (simplify repeated wildcards such as .*.*)"
        ),
    }


def _pattern_problem(pattern: str) -> str:
    """Why a user's link pattern is refused ("" when it is usable): invalid or too slow."""
    try:
        re.compile(pattern)
    except re.error as error:
        return str(_("Not a valid pattern: %(error)s") % {"error": error})
    problem = check_listing_pattern(pattern)
    return _pattern_messages().get(problem, problem)


def _formfield(field: models.Field[Any, Any], **kwargs: Any) -> forms.Field | None:
    if isinstance(field, models.URLField):
        kwargs["assume_scheme"] = "https"  # Django 6 default; addresses are typed without scheme
    return field.formfield(**kwargs)


class SourceForm(forms.ModelForm[Source]):
    class Meta:
        model = Source
        formfield_callback = _formfield
        fields = [
            "name",
            "kind",
            "url",
            "url_pattern",
            "press_agency",
            "general_site",
            "social_account",
            "state_channel",
            "active",
            "min_poll_minutes",
            "max_poll_minutes",
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        kind, url = cleaned.get("kind"), cleaned.get("url")
        needs_url = {SourceKind.FEED, SourceKind.SITEMAP, SourceKind.LISTING, SourceKind.PAGE}
        if kind in needs_url and not url:
            self.add_error("url", _("This kind of source needs an address."))
        pattern = cleaned.get("url_pattern") or ""
        if kind == SourceKind.LISTING and not pattern:
            self.add_error("url_pattern", _("A listing page needs the pattern of article links."))
        problem = _pattern_problem(pattern) if pattern else ""
        if problem:
            self.add_error("url_pattern", problem)
        links = [
            cleaned.get(n)
            for n in ("press_agency", "general_site", "social_account", "state_channel")
        ]
        if sum(1 for link in links if link) > 1:
            self.add_error(None, _("Link the source to one registry record at most."))
        low, high = cleaned.get("min_poll_minutes"), cleaned.get("max_poll_minutes")
        if low and high and low > high:
            self.add_error("max_poll_minutes", _("The longest interval is below the shortest."))
        return cleaned

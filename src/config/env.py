"""Typed readers for PRESSWATCH_* environment variables.

This is the only module that reads ``os.environ`` (house rule 8). Every variable the project
understands is declared in :data:`KNOWN`; an unknown ``PRESSWATCH_*`` name (a typo) or a value that
does not parse is an :class:`EnvError` at start-up, never a silent default.
"""

from __future__ import annotations

import ipaddress
import os
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

PREFIX = "PRESSWATCH_"

#: name (without prefix) → one-line description, used in errors and in docs/operations.md.
KNOWN: dict[str, str] = {
    "DEBUG": "true/false; development only",
    "SECRET_KEY": "Django secret key; required when DEBUG is false and not in demo mode",
    "ALLOWED_HOSTS": "comma-separated host names the web server answers to",
    "CSRF_TRUSTED_ORIGINS": "comma-separated origins (https://host) trusted for form posts",
    "DATABASE_URL": "postgres://user@host:port/name or sqlite:////abs/path; default SQLite in var/",
    "REDIS_URL": "redis://host:port/db; when set the task queue is RedisHuey",
    "VAR_DIR": "folder for the SQLite database, the queue file, logs and evidence; default ./var",
    "MEDIA_DIR": "folder for uploaded files; default VAR_DIR/media",
    "EVIDENCE_DIR": "folder for WARC evidence files; default VAR_DIR/evidence",
    "EMAIL_HOST": "SMTP host; unset means mail is written to the log instead of sent",
    "EMAIL_PORT": "SMTP port (default 25)",
    "EMAIL_USER": "SMTP user name",
    "EMAIL_PASSWORD": "SMTP password",
    "EMAIL_TLS": "true to use STARTTLS",
    "EMAIL_FROM": "sender address of outgoing mail",
    "SITE_URL": "public base URL used in e-mailed links, e.g. https://presswatch.example.vn",
    "TIME_ZONE": "IANA time zone; default Asia/Ho_Chi_Minh",
    "LANGUAGE": "vi or en; default vi",
    "SECURE_COOKIES": "true when served over HTTPS",
    "SESSION_HOURS": "hours an idle session stays valid (default 8)",
    "LOGIN_MAX_FAILURES": "failed logins per user name and address before a lock-out (default 5)",
    "LOGIN_LOCKOUT_MINUTES": "length of the lock-out window (default 15)",
    "JOB_LEASE_SECONDS": "how long a started job may run before the sweep hands it out again",
    "WORKERS": "Huey worker threads per consumer (default 2)",
    "WEB_WORKERS": "gunicorn worker processes started by `presswatch up` (default 2)",
    "BIND": "address:port that `presswatch up` listens on (default 127.0.0.1:8000)",
    "DEMO": "true when running `make demo` (demo accounts, relaxed secret key)",
    "HUEY_IMMEDIATE": "true runs tasks inline (tests only)",
    "FETCH_INTERVAL_MS": "minimum milliseconds between two requests to one host"
    " (5000; 200 in the demo)",
    "FETCH_PRIVATE_ALLOW": "comma-separated private or local networks the crawler may fetch"
    " (default none; 127.0.0.0/8 in the demo)",
    "INGEST_RATE": "requests per token to POST /api/v1/ingest/ (120/min; n/second|min|hour|day)",
    "LOG_FORMAT": "plain (default) or json: one JSON object per log line for log shippers",
    "METRICS_TOKEN": "bearer token a Prometheus scraper sends to GET /metrics"
    " (unset: administrators only)",
    "EXTRACT_FAST": "true extracts articles in trafilatura's fast mode: about twice the"
    " speed, slightly lower precision (default false)",
    "RAW_HTML_DAYS": "days the raw HTML of fetched articles is kept (default 90)",
    "RECHECK_HOURS": "hours between an article's checks for removal or edits, never shrinking:"
    " the first this long after the fetch, the next this long after it (default 1,6,24,72,168)",
    "TEST_DATABASE_URL": "used by `make test` only: PostgreSQL for the second test pass",
    "TEST_REDIS_URL": "used by `make test` only: Redis for the second test pass",
}


class EnvError(Exception):
    """A PRESSWATCH_* variable is unknown or does not parse."""


@dataclass(frozen=True, slots=True)
class Env:
    """A validated view of the PRESSWATCH_* variables."""

    values: Mapping[str, str]

    @classmethod
    def load(cls, environ: Mapping[str, str] | None = None) -> Env:
        source = os.environ if environ is None else environ
        found = {k[len(PREFIX) :]: v for k, v in source.items() if k.startswith(PREFIX)}
        unknown = sorted(set(found) - set(KNOWN))
        if unknown:
            names = ", ".join(PREFIX + n for n in unknown)
            hint = _closest(unknown[0])
            raise EnvError(
                f"unknown environment variable {names}"
                + (f" (did you mean {PREFIX}{hint}?)" if hint else "")
            )
        return cls(values=found)

    def _raw(self, name: str) -> str | None:
        if name not in KNOWN:  # a typo in our own code
            raise KeyError(name)
        value = self.values.get(name)
        return None if value is None or value.strip() == "" else value.strip()

    def get_str(self, name: str, default: str) -> str:
        raw = self._raw(name)
        return default if raw is None else raw

    def get_optional_str(self, name: str) -> str | None:
        return self._raw(name)

    def get_bool(self, name: str, *, default: bool) -> bool:
        raw = self._raw(name)
        if raw is None:
            return default
        lowered = raw.lower()
        if lowered in {"1", "true", "yes", "on"}:
            return True
        if lowered in {"0", "false", "no", "off"}:
            return False
        raise EnvError(f"{PREFIX}{name}={raw!r}: expected true or false")

    def get_int(self, name: str, default: int, *, minimum: int = 0, maximum: int = 10**9) -> int:
        raw = self._raw(name)
        if raw is None:
            return default
        try:
            value = int(raw)
        except ValueError:
            raise EnvError(f"{PREFIX}{name}={raw!r}: expected a whole number") from None
        if not minimum <= value <= maximum:
            raise EnvError(f"{PREFIX}{name}={value}: expected {minimum}..{maximum}")
        return value

    def get_list(self, name: str, default: list[str]) -> list[str]:
        raw = self._raw(name)
        if raw is None:
            return list(default)
        return [item.strip() for item in raw.split(",") if item.strip()]

    def get_growing_numbers(
        self, name: str, default: tuple[float, ...], *, maximum: float
    ) -> tuple[float, ...]:
        """A comma-separated list of positive numbers, none below the one before ("1,6,6,24")."""
        raw = self._raw(name)
        if raw is None:
            return default
        values: list[float] = []
        for position, item in enumerate(raw.split(","), start=1):
            try:
                value = float(item.strip())
            except ValueError:
                raise EnvError(
                    f"{PREFIX}{name}: item {position} ({item.strip()!r}) is not a number"
                ) from None
            if not 0 < value <= maximum:
                raise EnvError(
                    f"{PREFIX}{name}: item {position} ({value:g}) not in (0, {maximum:g}]"
                )
            if values and value < values[-1]:
                raise EnvError(
                    f"{PREFIX}{name}: item {position} ({value:g}) is below the item before"
                )
            values.append(value)
        return tuple(values)

    def get_networks(self, name: str, default: list[str]) -> list[str]:
        """A comma-separated list of IP networks ("127.0.0.0/8,10.1.2.3"), each checked."""
        values = self.get_list(name, default)
        for value in values:
            try:
                ipaddress.ip_network(value, strict=False)
            except ValueError:
                raise EnvError(f"{PREFIX}{name}: {value!r} is not an IP network") from None
        return values

    def get_rate(self, name: str, default: str) -> str:
        """A request rate such as ``120/min`` (periods: s, min, hour, day)."""
        value = self.get_str(name, default)
        if not re.fullmatch(r"\d+/(s|sec|second|m|min|minute|h|hour|d|day)", value):
            raise EnvError(f"{PREFIX}{name}={value!r}: expected a rate such as 120/min")
        return value

    def get_choice(self, name: str, default: str, choices: tuple[str, ...]) -> str:
        value = self.get_str(name, default)
        if value not in choices:
            raise EnvError(f"{PREFIX}{name}={value!r}: expected one of {', '.join(choices)}")
        return value

    def get_path(self, name: str, default: Path) -> Path:
        raw = self._raw(name)
        return (default if raw is None else Path(raw)).expanduser().resolve()

    def get_url(self, name: str, schemes: tuple[str, ...]) -> str | None:
        raw = self._raw(name)
        if raw is None:
            return None
        parts = urlsplit(raw)
        if parts.scheme not in schemes:
            raise EnvError(
                f"{PREFIX}{name}: scheme {parts.scheme!r} not one of {', '.join(schemes)}"
            )
        if parts.scheme != "sqlite" and not parts.hostname:
            raise EnvError(f"{PREFIX}{name}: no host in {raw!r}")
        return raw


def _closest(name: str) -> str | None:
    import difflib

    matches = difflib.get_close_matches(name, KNOWN, n=1, cutoff=0.6)
    return matches[0] if matches else None

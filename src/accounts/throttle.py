"""Login throttling: too many failures for a user name or from an address locks sign-in."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.conf import settings
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone

from accounts.models import LoginFailure


def client_address(request: HttpRequest) -> str | None:
    """The peer address (proxies must be configured to pass it; we do not trust X-Forwarded-For)."""
    address = request.META.get("REMOTE_ADDR")
    return str(address) if address else None


def _window_start() -> datetime:
    return timezone.now() - timedelta(minutes=settings.LOGIN_LOCKOUT_MINUTES)


def is_locked(username: str, address: str | None) -> bool:
    """True when the user name, or the address, has too many recent failures."""
    recent = LoginFailure.objects.filter(time__gte=_window_start())
    by_name = recent.filter(username=username.lower()).count()
    by_address = recent.filter(address=address).count() if address else 0
    limit = settings.LOGIN_MAX_FAILURES
    # an address may try a few user names (a shared office NAT) before it is locked
    return by_name >= limit or by_address >= limit * 3


def record_failure(username: str, address: str | None) -> None:
    LoginFailure.objects.create(username=username.lower()[:150], address=address)


def clear_failures(username: str) -> None:
    LoginFailure.objects.filter(Q(username=username.lower()) | Q(time__lt=_window_start())).delete()

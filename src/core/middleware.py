"""Request middleware: ties every change made while serving a request to its user."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from core.context import ChangeContext, current_change


class RequestContextMiddleware:
    """Sets :data:`core.context.current_change` for the duration of each request."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        # request.user is lazy: the audit code resolves it only when something is saved, so a
        # token-authenticated API request (authenticated later by DRF) is attributed correctly.
        token = current_change.set(ChangeContext(user=_LazyUser(request)))
        try:
            return self.get_response(request)
        finally:
            current_change.reset(token)


class _LazyUser:
    """Resolves the request's user when first needed (after DRF authentication)."""

    def __init__(self, request: HttpRequest) -> None:
        self.request = request

    def resolve(self) -> object:
        return getattr(self.request, "user", None)


class LanguageMiddleware:
    """Vietnamese first: the language is the one the user chose (cookie), else the configured
    default. Unlike Django's LocaleMiddleware, the browser's Accept-Language is not used, so an
    office PC with an English browser still gets Vietnamese."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        from django.conf import settings
        from django.utils import translation

        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        supported = {code for code, _name in settings.LANGUAGES}
        language = chosen if chosen in supported else settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response

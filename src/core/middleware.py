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


#: No inline script and no eval, nothing from other origins (offices run on closed networks; every
#: asset is served by the app). ``frame-ancestors`` replaces X-Frame-Options. Inline *styles* are
#: allowed: htmx sets style attributes while swapping (our templates carry none: a test checks).
CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self' 'unsafe-inline'",
        "img-src 'self' data:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
PERMISSIONS_POLICY = "camera=(), microphone=(), geolocation=(), payment=(), usb=()"


class SecurityHeadersMiddleware:
    """Adds the Content-Security-Policy and Permissions-Policy to every response.

    A view may set its own, stricter policy (the raw-HTML view sends ``default-src 'none'``);
    it is kept. Django's SecurityMiddleware adds nosniff, the referrer policy and COOP.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        response.headers.setdefault("Content-Security-Policy", CONTENT_SECURITY_POLICY)
        response.headers.setdefault("Permissions-Policy", PERMISSIONS_POLICY)
        return response

"""Public pages (no sign-in): published registry lists and the last published review.

Each list also downloads as CSV or XLSX with ``?format=csv`` / ``?format=xlsx``.
"""

from django.urls import URLPattern, path

from registry.views import public

app_name = "public"
urlpatterns: list[URLPattern] = [
    path("", public.index, name="index"),
    path("sites/", public.sites, name="sites"),
    path("press/", public.press, name="press"),
    path("review/", public.review, name="review"),
]

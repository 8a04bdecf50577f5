"""URLs of the registry app: record pages generated per registry type, plus the feature pages."""

from django.urls import URLPattern, path

from registry.views import compliance, io, records, reviews, sanctions

app_name = "registry"
urlpatterns: list[URLPattern] = [
    path("", records.home, name="home"),
    *records.urlpatterns,
    *compliance.urlpatterns,
    *io.urlpatterns,
    *reviews.urlpatterns,
    *sanctions.urlpatterns,
]

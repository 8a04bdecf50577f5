"""Root URL configuration: each app mounts its own urls module."""

from django.urls import include, path

urlpatterns = [
    path("", include("core.urls")),
    path("accounts/", include("accounts.urls")),
    path("places/", include("places.urls")),
    path("registry/", include("registry.urls")),
    path("public/", include("registry.public_urls")),
    path("monitoring/", include("monitoring.urls")),
    path("analysis/", include("analysis.urls")),
    path("findings/", include("findings.urls")),
    path("cases/", include("cases.urls")),
    path("plans/", include("plans.urls")),
    path("reports/", include("reports.urls")),
    path("api/", include("api.urls")),
    path("i18n/", include("core.i18n_urls")),
]

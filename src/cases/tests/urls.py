"""The project's URLs plus the cases API router, as the lead mounts it in ``api/urls.py``."""

from django.urls import URLPattern, URLResolver, include, path
from rest_framework.routers import DefaultRouter

from cases.api.views import VIEWSETS
from config.urls import urlpatterns as project_patterns

router = DefaultRouter()
router.include_root_view = False
for slug, (viewset, basename) in VIEWSETS.items():
    router.register(slug, viewset, basename=basename)

urlpatterns: list[URLPattern | URLResolver] = [
    path("api/v1/", include(router.urls)),
    *project_patterns,
]

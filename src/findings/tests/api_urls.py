"""The project's URLs plus the findings API routes (as the lead registers them in api/urls.py)."""

from django.urls import URLPattern, URLResolver, include, path
from rest_framework.routers import DefaultRouter

from config.urls import urlpatterns as project
from findings.api.views import FalseClaimViewSet, FindingViewSet

router = DefaultRouter()
router.register("findings/claims", FalseClaimViewSet, basename="findings-claim")
router.register("findings", FindingViewSet, basename="findings-finding")

urlpatterns: list[URLPattern | URLResolver] = [path("api/v1/", include(router.urls)), *project]

"""The project-level API: router aggregation and the OpenAPI schema (no models here)."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from accounts.api.views import SectorViewSet, UnitViewSet, UserViewSet
from analysis.api.views import AlertViewSet, TopicViewSet
from cases.api.views import VIEWSETS as CASE_VIEWSETS
from core.access import Capability
from core.api.views import HealthView, ObjectChangeViewSet
from findings.api.views import FalseClaimViewSet, FindingViewSet
from monitoring.api.ingest import IngestView
from monitoring.api.search import SearchView
from registry.api.views import VIEWSETS as REGISTRY_VIEWSETS


class SchemaView(SpectacularAPIView):
    required_capability = Capability.PUBLIC


class DocsView(SpectacularSwaggerSplitView):
    """Swagger UI with its start-up script served as a file (no inline script: CSP)."""

    required_capability = Capability.PUBLIC


class Router(DefaultRouter):
    include_root_view = False


router = Router()
router.register("units", UnitViewSet)
router.register("sectors", SectorViewSet)
router.register("users", UserViewSet)
router.register("changes", ObjectChangeViewSet)
for slug, viewset in REGISTRY_VIEWSETS.items():
    router.register(f"registry/{slug}", viewset, basename=f"registry-{slug}")
router.register("analysis/alerts", AlertViewSet, basename="analysis-alert")
router.register("analysis/topics", TopicViewSet, basename="analysis-topic")
# claims first, or "claims" would be read as a finding id
router.register("findings/claims", FalseClaimViewSet, basename="findings-claim")
router.register("findings", FindingViewSet, basename="findings-finding")
for slug, (case_viewset, basename) in CASE_VIEWSETS.items():
    router.register(slug, case_viewset, basename=basename)

urlpatterns = [
    path("v1/", include(router.urls)),
    path("v1/health/", HealthView.as_view(), name="api-health"),
    path("v1/ingest/", IngestView.as_view(), name="api-ingest"),
    path("v1/search/", SearchView.as_view(), name="api-search"),
    path("schema/", SchemaView.as_view(), name="api-schema"),
    path("docs/", DocsView.as_view(url_name="api-schema"), name="api-docs"),
]

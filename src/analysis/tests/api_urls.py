"""The project's URLs plus the analysis API routes (as the lead registers them in api/urls.py)."""

from django.urls import URLPattern, URLResolver, include, path
from rest_framework.routers import DefaultRouter

from analysis.api.views import AlertViewSet, TopicViewSet
from config.urls import urlpatterns as project

router = DefaultRouter()
router.register("analysis/alerts", AlertViewSet, basename="analysis-alert")
router.register("analysis/topics", TopicViewSet, basename="analysis-topic")

urlpatterns: list[URLPattern | URLResolver] = [path("api/v1/", include(router.urls)), *project]

from django.urls import URLPattern, URLResolver

from monitoring.views import pages, search

app_name = "monitoring"
urlpatterns: list[URLPattern | URLResolver] = [*pages.urlpatterns, *search.urlpatterns]

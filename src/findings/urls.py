from django.urls import URLPattern, URLResolver

from findings.views import claims, clusters, findings

app_name = "findings"
urlpatterns: list[URLPattern | URLResolver] = [
    *findings.urlpatterns,
    *clusters.urlpatterns,
    *claims.urlpatterns,
]

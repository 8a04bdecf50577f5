from django.urls import URLPattern, URLResolver

from reports.views import leaders, runs, settings

app_name = "reports"
urlpatterns: list[URLPattern | URLResolver] = [
    *runs.urlpatterns,
    *leaders.urlpatterns,
    *settings.urlpatterns,
]

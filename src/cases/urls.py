from django.urls import URLPattern, URLResolver

from cases.views import cases, configuration, decisions, files, public, units

app_name = "cases"
urlpatterns: list[URLPattern | URLResolver] = [
    *cases.urlpatterns,
    *configuration.urlpatterns,
    *units.urlpatterns,
    *files.urlpatterns,
    *decisions.urlpatterns,
    *public.urlpatterns,
]

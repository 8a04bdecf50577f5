from django.urls import URLPattern, URLResolver

from plans.views import activities, plans, tracking

app_name = "plans"
urlpatterns: list[URLPattern | URLResolver] = [
    *plans.urlpatterns,
    *tracking.urlpatterns,
    *activities.urlpatterns,
]

from django.urls import path

from core import views

app_name = "core"
urlpatterns = [
    path("", views.home, name="home"),
    path("health/", views.health_view, name="health"),
    path("metrics", views.metrics_view, name="metrics"),
    path("dashboard/", views.dashboard, name="dashboard"),
    path("changes/", views.change_list, name="change_list"),
    path("changes/<int:pk>/", views.change_detail, name="change_detail"),
    path("operations/", views.operations, name="operations"),
    path("operations/jobs/<int:pk>/retry/", views.job_retry, name="job_retry"),
]

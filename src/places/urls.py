from django.urls import path

from places import views

app_name = "places"
urlpatterns = [
    path("", views.area_list, name="area_list"),
    path("<int:pk>/", views.area_detail, name="area_detail"),
]

from django.urls import path

from accounts import two_step, views

app_name = "accounts"
urlpatterns = [
    path("login/", two_step.login, name="login"),
    path("login/code/", two_step.login_code, name="login_code"),
    path("two-step/setup/", two_step.setup, name="two_step_setup"),
    path("two-step/off/", two_step.disable, name="two_step_disable"),
    path("users/<int:pk>/two-step/reset/", two_step.reset, name="two_step_reset"),
    path("logout/", views.logout, name="logout"),
    path("profile/", views.profile, name="profile"),
    path("password/", views.password_change, name="password_change"),
    path("password/done/", views.password_change_done, name="password_change_done"),
    path("password/reset/", views.password_reset, name="password_reset"),
    path("password/reset/sent/", views.password_reset_done, name="password_reset_done"),
    path(
        "password/reset/<uidb64>/<token>/",
        views.password_reset_confirm,
        name="password_reset_confirm",
    ),
    path("password/reset/done/", views.password_reset_complete, name="password_reset_complete"),
    path("units/", views.unit_list, name="unit_list"),
    path("units/new/", views.unit_create, name="unit_create"),
    path("units/<int:pk>/", views.unit_detail, name="unit_detail"),
    path("units/<int:pk>/edit/", views.unit_edit, name="unit_edit"),
    path("sectors/", views.sector_list, name="sector_list"),
    path("sectors/<slug:code>/edit/", views.sector_edit, name="sector_edit"),
    path("users/", views.user_list, name="user_list"),
    path("users/new/", views.user_create, name="user_create"),
    path("users/<int:pk>/", views.user_detail, name="user_detail"),
    path("users/<int:pk>/edit/", views.user_edit, name="user_edit"),
]

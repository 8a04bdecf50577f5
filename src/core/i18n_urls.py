"""Language switch (Django's set_language, allowed for everyone in core.access)."""

from django.urls import path
from django.views.i18n import set_language

urlpatterns = [path("setlang/", set_language, name="set_language")]

from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RegistryConfig(AppConfig):
    name = "registry"
    verbose_name = _("Registry")

    def ready(self) -> None:
        # register: the registry types, bootstrap steps and dashboard cards
        from registry import bootstrap, dashboard_cards, types  # noqa: F401

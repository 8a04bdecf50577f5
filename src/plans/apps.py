from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PlansConfig(AppConfig):
    name = "plans"
    verbose_name = _("Plans")

    def ready(self) -> None:
        # register: the job handlers, bootstrap steps and dashboard cards
        from plans import bootstrap, dashboard_cards, tasks  # noqa: F401

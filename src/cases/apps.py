from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CasesConfig(AppConfig):
    name = "cases"
    verbose_name = _("Cases")

    def ready(self) -> None:
        # register: dashboard cards, bootstrap steps, job handlers
        from cases import bootstrap, dashboard_cards, tasks  # noqa: F401

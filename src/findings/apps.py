from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FindingsConfig(AppConfig):
    name = "findings"
    verbose_name = _("Findings")

    def ready(self) -> None:
        from findings import (  # noqa: F401  (register jobs, receivers, bootstrap steps, cards)
            bootstrap,
            dashboard_cards,
            receivers,
            tasks,
        )

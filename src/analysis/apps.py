from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalysisConfig(AppConfig):
    name = "analysis"
    verbose_name = _("Analysis and alerts")

    def ready(self) -> None:
        from analysis import (  # noqa: F401  (register jobs, receivers, steps, cards)
            bootstrap,
            dashboard_cards,
            delivery,
            receivers,
            tasks,
            training,
            versions,
        )

        versions.connect()

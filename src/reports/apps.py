from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "reports"
    verbose_name = _("Reports")

    def ready(self) -> None:
        # register: the job handlers, the digest scheduler and the bootstrap step
        from reports import bootstrap, tasks  # noqa: F401

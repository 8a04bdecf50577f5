from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "core"
    verbose_name = "PressWatch core"

    def ready(self) -> None:
        from core import changelog, mail  # noqa: F401  (mail registers its job handler)

        changelog.connect()

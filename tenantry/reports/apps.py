from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "tenantry.reports"
    label = "reports"

    def ready(self) -> None:
        from . import sending_newsletters

        sending_newsletters.register()

from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "tenantry.records"
    label = "services"

    def ready(self) -> None:
        from .changes import listen
        from .selectors.overdue import forget_overdue_work

        listen(forget_overdue_work)  # the overviews' overdue work is gathered afresh

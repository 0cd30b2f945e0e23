from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "tenantry.records"
    label = "services"

    def ready(self) -> None:
        from django.db.models.signals import post_delete, post_save

        from .changes import listen
        from .models import SafetyRequirement
        from .safety import forget_intervals
        from .selectors.overdue import forget_overdue_work

        listen(forget_overdue_work)  # the overviews' overdue work is gathered afresh
        # Requirements change through the admin and the demo (no service of their own).
        post_save.connect(forget_intervals, sender=SafetyRequirement)
        post_delete.connect(forget_intervals, sender=SafetyRequirement)

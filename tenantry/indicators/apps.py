from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "tenantry.indicators"
    label = "indicators"

    def ready(self) -> None:
        # Stored results are recalculated when the records behind them change: records
        # announces changes (records/changes.py), and cannot import indicators.
        from tenantry.records.changes import listen

        from .services.recalculation import records_changed

        listen(records_changed)

        from . import background

        background.register()  # the files it prepares in the background

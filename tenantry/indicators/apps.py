from django.apps import AppConfig


class IndicatorsConfig(AppConfig):
    name = "tenantry.indicators"
    label = "indicators"

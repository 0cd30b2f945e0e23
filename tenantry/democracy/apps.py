from django.apps import AppConfig


class DemocracyConfig(AppConfig):
    name = "tenantry.democracy"
    label = "democracy"

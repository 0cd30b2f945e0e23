from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "tenantry.records"
    label = "services"

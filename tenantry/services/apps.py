from django.apps import AppConfig


class ServicesConfig(AppConfig):
    name = "tenantry.services"
    label = "services"

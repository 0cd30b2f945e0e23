from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "tenantry.api"
    label = "api"

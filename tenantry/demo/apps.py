from django.apps import AppConfig


class DemoConfig(AppConfig):
    name = "tenantry.demo"
    label = "demo"

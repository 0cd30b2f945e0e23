from django.apps import AppConfig


class ScrutinyConfig(AppConfig):
    name = "tenantry.scrutiny"
    label = "scrutiny"

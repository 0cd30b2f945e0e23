from django.apps import AppConfig


class HomesConfig(AppConfig):
    name = "tenantry.homes"
    label = "homes"

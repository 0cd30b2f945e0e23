from django.apps import AppConfig


class JourneyConfig(AppConfig):
    name = "tenantry.journey"
    label = "journey"

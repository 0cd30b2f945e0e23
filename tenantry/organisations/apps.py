from django.apps import AppConfig


class OrganisationsConfig(AppConfig):
    name = "tenantry.organisations"
    label = "organisations"

from django.apps import AppConfig


class SurveysConfig(AppConfig):
    name = "tenantry.surveys"
    label = "surveys"

from django.apps import AppConfig


class ReportsConfig(AppConfig):
    name = "tenantry.reports"
    label = "reports"

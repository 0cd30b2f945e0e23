from django.apps import AppConfig


class BudgetsConfig(AppConfig):
    name = "tenantry.budgets"
    label = "budgets"

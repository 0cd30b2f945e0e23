from django.apps import AppConfig


class BudgetsConfig(AppConfig):
    name = "tenantry.budgets"
    label = "budgets"

    def ready(self) -> None:
        from tenantry.democracy.ballots.listeners import when_counted

        from .participatory_services import round_counted

        when_counted(round_counted)  # a participatory budget's winners, chosen at the count

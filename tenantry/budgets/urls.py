from .views import allowance, budgets, cashback, estate, participatory

app_name = "budgets"
urlpatterns: list = [
    *budgets.urlpatterns,
    *allowance.urlpatterns,
    *estate.urlpatterns,
    *cashback.urlpatterns,
    # Participatory budgeting (docs/budgets.md#participatory-budgeting).
    *participatory.urlpatterns,
]

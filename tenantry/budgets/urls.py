from .views import allowance, budgets, cashback, estate

app_name = "budgets"
urlpatterns: list = [
    *budgets.urlpatterns,
    *allowance.urlpatterns,
    *estate.urlpatterns,
    *cashback.urlpatterns,
]

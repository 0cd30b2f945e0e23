app_name = "budgets"
urlpatterns: list = []

# Participatory budgeting (docs/budgets.md#participatory-budgeting).
from .views import participatory  # noqa: E402

urlpatterns += participatory.urlpatterns

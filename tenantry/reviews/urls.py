from .views import plan

app_name = "reviews"
urlpatterns: list = [
    *plan.urlpatterns,
]

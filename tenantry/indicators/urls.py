from .views import interventions, monitoring, portfolio, targets

app_name = "indicators"
urlpatterns = [
    *targets.urlpatterns,
    *monitoring.urlpatterns,
    *portfolio.urlpatterns,
    *interventions.urlpatterns,
]

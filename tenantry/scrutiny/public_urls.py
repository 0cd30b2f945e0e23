from .views import public_report

app_name = "you-said-we-did"
urlpatterns = public_report.urlpatterns

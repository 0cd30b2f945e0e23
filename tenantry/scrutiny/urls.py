from .views import ask, evidence, landlord, panel, programme, review, shopping

app_name = "scrutiny"
urlpatterns: list = [
    *panel.urlpatterns,
    *programme.urlpatterns,
    *ask.urlpatterns,
    *evidence.urlpatterns,
    *review.urlpatterns,
    *shopping.urlpatterns,
    *landlord.urlpatterns,
]

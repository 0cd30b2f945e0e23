from .views import ask, evidence, landlord, panel, peer, programme, report, review, shopping

app_name = "scrutiny"
urlpatterns: list = [
    *panel.urlpatterns,
    *programme.urlpatterns,
    *ask.urlpatterns,
    *evidence.urlpatterns,
    *review.urlpatterns,
    *shopping.urlpatterns,
    *landlord.urlpatterns,
    # Reports, the landlord's answers, actions and sign-off; peer reviews (docs/scrutiny.md).
    *report.urlpatterns,
    *peer.urlpatterns,
]

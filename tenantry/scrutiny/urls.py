app_name = "scrutiny"
urlpatterns: list = []

# Reports, the landlord's answers, actions and sign-off; peer reviews (docs/scrutiny.md).
from .views import peer, report  # noqa: E402

urlpatterns += [*report.urlpatterns, *peer.urlpatterns]

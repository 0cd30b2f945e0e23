"""Published annual reports, for everyone (docs/annual-report.md)."""

from .annual_views import public_urlpatterns

app_name = "annual-report"
urlpatterns = public_urlpatterns

from .views import imports, resident, staff, triage

app_name = "services"
urlpatterns = [
    *staff.urlpatterns,
    *triage.urlpatterns,
    *resident.urlpatterns,
    *imports.urlpatterns,
]

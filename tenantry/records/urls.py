from .views import asb, imports, resident, resident_asb, search, staff, triage

app_name = "services"
# The anti-social behaviour paths come first: they take "records/asb/new/" from the generic
# record pages, because a report, not a case, is what staff record.
urlpatterns = [
    *asb.urlpatterns,
    *staff.urlpatterns,
    *triage.urlpatterns,
    *resident.urlpatterns,
    *resident_asb.urlpatterns,
    *imports.urlpatterns,
    *search.urlpatterns,
]

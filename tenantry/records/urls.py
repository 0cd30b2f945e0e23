from .views import imports, resident, search, staff

app_name = "services"
urlpatterns = [
    *staff.urlpatterns,
    *resident.urlpatterns,
    *imports.urlpatterns,
    *search.urlpatterns,
]

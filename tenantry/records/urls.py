from .views import imports, resident, staff

app_name = "services"
urlpatterns = [*staff.urlpatterns, *resident.urlpatterns, *imports.urlpatterns]

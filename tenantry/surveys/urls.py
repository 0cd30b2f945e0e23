from .views import build, fieldwork, mine, results

app_name = "surveys"
urlpatterns = [
    *build.urlpatterns,
    *fieldwork.urlpatterns,
    *results.urlpatterns,
    *mine.urlpatterns,
]

from .views import build, fieldwork, results

app_name = "surveys"
urlpatterns = [*build.urlpatterns, *fieldwork.urlpatterns, *results.urlpatterns]

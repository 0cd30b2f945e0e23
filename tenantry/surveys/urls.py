from .views import results

app_name = "surveys"
urlpatterns = [*results.urlpatterns]

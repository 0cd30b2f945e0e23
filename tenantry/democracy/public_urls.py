from .views import voting

app_name = "ballot"
urlpatterns = voting.urlpatterns

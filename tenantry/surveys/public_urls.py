from .views import respond

app_name = "survey"
urlpatterns = respond.urlpatterns

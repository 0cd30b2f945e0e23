app_name = "survey"
urlpatterns = []

app_name = "indicators"
urlpatterns = []

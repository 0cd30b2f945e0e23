app_name = "democracy"
urlpatterns: list = []

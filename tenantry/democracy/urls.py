from .views import meetings

app_name = "democracy"
urlpatterns: list = [
    *meetings.urlpatterns,
]

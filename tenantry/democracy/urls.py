from .views import ballots

app_name = "democracy"
urlpatterns: list = [*ballots.urlpatterns]

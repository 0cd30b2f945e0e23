from .views import committee, constitution, members, mine

app_name = "democracy"
urlpatterns = [
    *constitution.urlpatterns,
    *members.urlpatterns,
    *mine.urlpatterns,
    *committee.urlpatterns,
]

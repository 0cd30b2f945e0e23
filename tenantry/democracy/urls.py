from .views import ballots, committee, constitution, health, meetings, members, mine

app_name = "democracy"
urlpatterns = [
    *constitution.urlpatterns,
    *members.urlpatterns,
    *mine.urlpatterns,
    *committee.urlpatterns,
    *meetings.urlpatterns,
    *ballots.urlpatterns,
    *health.urlpatterns,
]

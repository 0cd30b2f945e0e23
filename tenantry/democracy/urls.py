from .views import (
    ballots,
    committee,
    constitution,
    elections,
    health,
    meetings,
    members,
    mine,
)

app_name = "democracy"
urlpatterns = [
    *constitution.urlpatterns,
    *members.urlpatterns,
    *mine.urlpatterns,
    *committee.urlpatterns,
    *meetings.urlpatterns,
    *ballots.urlpatterns,
    *elections.urlpatterns,
    *health.urlpatterns,
]

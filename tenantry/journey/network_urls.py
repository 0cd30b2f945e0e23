"""A network's own pages, at its address (`/o/<network>/…`): following up the groups that
registered interest with it, its training and its grant programmes."""

from django.urls import path

from .views import followup, network_grants

app_name = "network"
urlpatterns: list = [
    path("groups/", followup.groups, name="groups"),
    path("groups/<int:pk>/", followup.group, name="group"),
    path("grants/", network_grants.programmes, name="grants"),
    path("grants/new/", network_grants.new_programme, name="grant-new"),
    path("grants/<int:pk>/", network_grants.programme, name="grant"),
    path(
        "grants/<int:pk>/conditions/<int:condition>/",
        network_grants.condition,
        name="grant-condition",
    ),
]

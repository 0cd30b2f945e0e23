"""An organisation in control's side of the directory, at its address (`/o/<slug>/…`): its
public page and the visits tenant groups ask of it."""

from django.urls import path

from .views import host

app_name = "directory"
urlpatterns = [
    path("profile/", host.profile, name="profile"),
    path("profile/publish/", host.publish_profile, name="publish-profile"),
    path("profile/unpublish/", host.unpublish_profile, name="unpublish-profile"),
    path("visits/", host.visits, name="visits"),
    path("visits/<int:pk>/", host.visit, name="visit"),
    path("visits/<int:pk>/accept/", host.accept_visit, name="accept-visit"),
    path("visits/<int:pk>/decline/", host.decline_visit, name="decline-visit"),
    path("visits/<int:pk>/cancel/", host.cancel_visit, name="cancel-visit"),
    path("visits/<int:pk>/learnt/", host.record_visit, name="record-visit"),
]

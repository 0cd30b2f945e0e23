from django.urls import path

from . import annual_views, views

app_name = "reports"
urlpatterns = [
    path("", views.organisation_home, name="organisation-home"),
    *annual_views.urlpatterns,
]

from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.organisation_home, name="organisation-home"),
]

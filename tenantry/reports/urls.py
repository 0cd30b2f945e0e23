from django.urls import path

from . import themes_views, views

app_name = "reports"
urlpatterns = [
    path("", views.organisation_home, name="organisation-home"),
    path("themes/", themes_views.themes, name="themes"),
    path("themes/work-out/", themes_views.work_out_themes, name="themes-work-out"),
]

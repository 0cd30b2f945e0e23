from django.urls import path

from . import newsletter_urls, views

app_name = "reports"
urlpatterns = [
    path("", views.organisation_home, name="organisation-home"),
]
urlpatterns += newsletter_urls.urlpatterns

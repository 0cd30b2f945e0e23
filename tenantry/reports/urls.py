from django.urls import path

from . import views

app_name = "reports"
urlpatterns = [
    path("", views.organisation_home, name="organisation-home"),
]

from .complaints_views import urlpatterns as complaints_urls  # noqa: E402

urlpatterns += complaints_urls

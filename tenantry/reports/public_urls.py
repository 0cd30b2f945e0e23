"""The list of organisations that publish a public page, for everyone."""

from django.urls import path

from . import public_views

app_name = "public-pages"
urlpatterns = [path("", public_views.public_index, name="index")]

"""A network's own pages, at its address (`/o/<network>/…`): following up the groups that
registered interest with it, its training and its grant programmes."""

from django.urls import path  # noqa: F401

app_name = "network"
urlpatterns: list = []

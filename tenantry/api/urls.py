from django.urls import path

from . import views
from .main import api

# The token pages are the person's own, outside any organisation.
account_urlpatterns = [
    path("account/api-tokens/", views.token_list, name="api-tokens"),
    path("account/api-tokens/<int:pk>/revoke/", views.revoke_token, name="api-token-revoke"),
]

api_urlpatterns = [
    path("api/v1/docs", views.docs, name="api-docs"),
    path("api/v1/", api.urls),
]

from functools import wraps

from django.http import JsonResponse
from django.urls import path, re_path
from django.utils.translation import gettext as _

from . import views
from .errors import body
from .main import api

# The token pages are the person's own, outside any organisation.
account_urlpatterns = [
    path("account/api-tokens/", views.token_list, name="api-tokens"),
    path("account/api-tokens/<int:pk>/revoke/", views.revoke_token, name="api-token-revoke"),
]


def _json_405(view):
    """A method an address does not take is answered in the error shape too (with Allow)."""

    @wraps(view)
    def answered(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        if response.status_code == 405 and not response.get("Content-Type", "").startswith(
            "application/json"
        ):
            allowed = response.get("Allow", "")
            response = JsonResponse(body(405, _("This address does not take that method.")),
                                    status=405)  # fmt: skip
            response["Allow"] = allowed
        return response

    answered.csrf_exempt = True
    return answered


def _api_patterns():
    patterns, app_name, namespace = api.urls
    for pattern in patterns:
        if pattern.name == "api-root":
            # Ninja's root raises a 404 to name the docs; ours says where everything is.
            pattern.callback = views.api_root
        pattern.callback = _json_405(pattern.callback)
    return patterns, app_name, namespace


api_urlpatterns = [
    path("api/v1/docs", views.docs, name="api-docs"),
    path("api/v1/", _api_patterns()),
    # Any other address under /api/ is a 404 in the error shape, not the site's HTML page.
    re_path(r"^api/", views.api_not_found),
]

"""The open API, version 1 (docs/api.md), mounted at /api/v1/."""

import hashlib

from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language
from ninja import NinjaAPI

from . import errors
from .limits import RateLimit


def _matches(header: str, etag: str) -> bool:
    if header.strip() == "*":
        return True
    tags = [tag.strip().removeprefix("W/") for tag in header.split(",")]
    return etag in tags


class TenantryApi(NinjaAPI):
    """Every answer of a GET carries an ETag (a digest of its body): asked again with
    If-None-Match, an unchanged answer is a 304 with no body. Public answers may be cached by
    anyone for a minute; answers to a person are private."""

    _schemas: dict = {}

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        """The description, worked out once a process for each root and language: its routes
        cannot change while the process runs, and working it out takes about 170 ms."""
        key = (path_prefix, tuple(sorted((path_params or {}).items())), get_language())
        if key not in self._schemas:
            self._schemas[key] = super().get_openapi_schema(
                path_prefix=path_prefix, path_params=path_params
            )
        return self._schemas[key]

    def create_response(self, request: HttpRequest, data, *, status=None, temporal_response=None):
        response = super().create_response(
            request, data, status=status, temporal_response=temporal_response
        )
        return conditional(request, response)


def conditional(request: HttpRequest, response: HttpResponse) -> HttpResponse:
    # Only a public answer that is the thing itself may be kept by others; never an error.
    public = "/public/" in request.path and response.status_code == 200
    response["Cache-Control"] = "public, max-age=60" if public else "private, no-cache"
    response["Vary"] = "Authorization, Cookie, Accept-Language"
    if request.method not in ("GET", "HEAD") or response.status_code != 200:
        return response
    if getattr(response, "streaming", False):
        return response
    etag = '"' + hashlib.sha256(response.content).hexdigest()[:32] + '"'
    response["ETag"] = etag
    asked = request.headers.get("If-None-Match")
    if asked and _matches(asked, etag):
        unchanged = HttpResponse(status=304)
        for header in ("ETag", "Cache-Control", "Vary"):
            unchanged[header] = response[header]
        return unchanged
    return response


api = TenantryApi(
    title="Tenantry open API",
    version="1",
    description=(
        "Published figures, improvement plans and scrutiny recommendations of organisations "
        "that publish, for anyone; and, with a personal token, what the token's person may see "
        "and do on the site. Errors always have the ErrorBody shape. See docs/api.md."
    ),
    urls_namespace="api",
    docs_url=None,  # the docs page is ours (views.docs): Swagger UI would load from a CDN
    throttle=[RateLimit()],
)
errors.install(api)

from .routes import account, opendata, public, records, writes  # noqa: E402

api.add_router("/public", public.router)
api.add_router("/public", opendata.router)
api.add_router("", account.router)
api.add_router("", records.router)
api.add_router("", writes.router)

"""Every error the API gives, in one shape (docs/api.md#errors):

    {"status": 422, "code": "invalid", "message": "…", "problems": [
        {"field": "period", "line": null, "column": null, "message": "…"}]}

`problems` lists each thing wrong where there is more than one (an import's rows, each with
its line; a form's fields); it is empty otherwise. A server error says only that something went
wrong and its reference; the stack trace goes to the log, never to the client.
"""

import logging
import uuid

from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import Schema
from ninja.errors import AuthenticationError, HttpError, Throttled
from ninja.errors import ValidationError as NinjaValidationError

from .limits import address_over_limit, seconds_to_next_window

logger = logging.getLogger(__name__)

CODES = {
    400: "bad_request",
    401: "unauthorised",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    422: "invalid",
    429: "too_many_requests",
    500: "server_error",
}
# The statuses every operation may answer with this body, declared in the OpenAPI description.
ERROR_STATUSES = frozenset({400, 401, 403, 404, 409, 422, 429, 500})


class Problem(Schema):
    field: str | None = None
    line: int | None = None
    column: str | None = None
    message: str


class ErrorBody(Schema):
    status: int
    code: str
    message: str
    problems: list[Problem] = []


class ApiError(Exception):
    """An error an operation answers with, in the one shape."""

    def __init__(self, status: int, message: str, problems: list[dict] | None = None):
        super().__init__(message)
        self.status, self.message, self.problems = status, message, problems or []


def body(status: int, message: str, problems: list[dict] | None = None) -> dict:
    return {
        "status": status,
        "code": CODES.get(status, "error"),
        "message": str(message),
        "problems": [
            {
                "field": p.get("field"),
                "line": p.get("line"),
                "column": p.get("column"),
                "message": str(p.get("message", "")),
            }
            for p in problems or []
        ],
    }


def problems_of(error: DjangoValidationError) -> list[dict]:
    """A Django ValidationError's messages, each with the field it names (if any)."""
    if hasattr(error, "error_dict"):
        return [
            {"field": None if name == "__all__" else name, "message": message}
            for name, messages in error.message_dict.items()
            for message in messages
        ]
    return [{"message": message} for message in error.messages]


def _where(location) -> str | None:
    """The field a problem is about: ("query", "limit") is "limit"; a JSON body's fields are
    named without the body's own name: ("body", "sent", "period") is "period"."""
    parts = [str(part) for part in location]
    if parts and parts[0] == "body" and len(parts) >= 3:
        parts = parts[2:]
    elif parts and parts[0] in ("body", "query", "path", "form", "file", "cookie", "header"):
        parts = parts[1:]
    return ".".join(parts) or None


def install(api) -> None:
    """Answer every error of `api` in the one shape."""

    def respond(request: HttpRequest, status: int, message, problems=None) -> HttpResponse:
        response = api.create_response(request, body(status, message, problems), status=status)
        return response

    def api_error(request, exc: ApiError):
        return respond(request, exc.status, exc.message, exc.problems)

    def not_found(request, exc):
        return respond(request, 404, _("Not found."))

    def forbidden(request, exc):
        return respond(request, 403, _("Your role here does not allow this."))

    def unauthorised(request, exc):
        if address_over_limit(request):
            return throttled(request, Throttled(seconds_to_next_window()))
        response = respond(
            request, 401, _("Send a valid API token: Authorization: Bearer <token>.")
        )
        response["WWW-Authenticate"] = 'Bearer realm="tenantry"'
        return response

    def throttled(request, exc: Throttled):
        response = respond(request, 429, _("Too many requests: wait and try again."))
        response["Retry-After"] = str(max(1, int(exc.wait or 1)))
        return response

    def http_error(request, exc: HttpError):
        return respond(request, exc.status_code, exc.message)

    def invalid_input(request, exc: NinjaValidationError):
        problems = [
            {"field": _where(error.get("loc", ())), "message": error.get("msg", "")}
            for error in exc.errors
        ]
        return respond(request, 422, _("Some of what was sent is not valid."), problems)

    def refused(request, exc: DjangoValidationError):
        return respond(request, 422, _("This cannot be done as sent."), problems_of(exc))

    def server_error(request, exc: Exception):
        reference = uuid.uuid4().hex[:12]
        logger.exception("API error %s on %s %s", reference, request.method, request.path)
        return respond(
            request,
            500,
            _("Something went wrong on our side (reference %(reference)s).")
            % {"reference": reference},
        )

    api.add_exception_handler(Exception, server_error)
    api.add_exception_handler(ApiError, api_error)
    api.add_exception_handler(Http404, not_found)
    api.add_exception_handler(PermissionDenied, forbidden)
    api.add_exception_handler(HttpError, http_error)
    api.add_exception_handler(AuthenticationError, unauthorised)
    api.add_exception_handler(Throttled, throttled)
    api.add_exception_handler(NinjaValidationError, invalid_input)
    api.add_exception_handler(DjangoValidationError, refused)

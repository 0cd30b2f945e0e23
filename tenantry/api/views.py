"""The person's own API tokens page, and the API's documentation page."""

from functools import cache

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tenantry.core.forms import add_errors, form_status

from . import tokens
from .errors import body
from .forms import TokenForm
from .main import api


@login_required
def token_list(request: HttpRequest) -> HttpResponse:
    form = TokenForm(request.POST or None)
    made = None
    if request.method == "POST" and form.is_valid():
        try:
            made = tokens.create_token(
                user=request.user,
                name=form.cleaned_data["name"],
                days=form.cleaned_data["days"],
                by=request.user,
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            form = TokenForm()
    response = render(
        request,
        "api/tokens.html",
        {
            "form": form,
            "made": made,
            "tokens": tokens.tokens_of(user=request.user),
            "now": timezone.now(),
        },
        status=form_status(form),
    )
    if made is not None:
        response["Cache-Control"] = "no-store"  # the secret is on this page, once
    return response


@require_POST
@login_required
def revoke_token(request: HttpRequest, pk: int) -> HttpResponse:
    # Another person's token does not exist for this person.
    token = get_object_or_404(tokens.tokens_of(user=request.user), pk=pk)
    tokens.revoke_token(token=token, by=request.user)
    messages.success(request, _("The token “%(name)s” was revoked.") % {"name": token.name})
    return redirect("api-tokens")


@cache
def _operations() -> list[dict]:
    """Every operation of the description, in its order (worked out once a process)."""
    schema = api.get_openapi_schema(path_prefix="/api/v1")
    return [
        {
            "method": method.upper(),
            "path": path,
            "summary": operation.get("summary", ""),
            "token": bool(operation.get("security")),
        }
        for path, methods in schema["paths"].items()
        for method, operation in methods.items()
    ]


def docs(request: HttpRequest) -> HttpResponse:
    """What the API offers, as a plain page: every operation from the OpenAPI description,
    with no script from elsewhere (Swagger UI would be loaded from a CDN)."""
    return render(request, "api/docs.html", {"operations": _operations()})


def api_root(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    return JsonResponse(
        {
            "version": "1",
            "openapi": request.build_absolute_uri("/api/v1/openapi.json"),
            "docs": request.build_absolute_uri("/api/v1/docs"),
            "public": request.build_absolute_uri("/api/v1/public/organisations"),
        }
    )


def api_not_found(request: HttpRequest, *args, **kwargs) -> HttpResponse:
    return JsonResponse(body(404, _("Not found.")), status=404)

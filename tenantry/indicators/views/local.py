"""Local indicators: what the committee chooses to measure beyond the national set, started
from the Guide's examples or from scratch; changed, retired and brought back."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from tenantry.core import query
from tenantry.core.forms import add_errors
from tenantry.indicators import permissions as can
from tenantry.organisations.access import OrgRequest, object_in, organisation_view

from ..definitions import LOCAL_EXAMPLES
from ..models import Framework, Indicator, Result
from ..performance_forms import LocalIndicatorForm
from ..sentences import unit_name
from ..services import local as local_services
from ..targets import direction_text


def _local(request: OrgRequest, pk: int) -> Indicator:
    return object_in(request.organisation, Indicator, framework=Framework.LOCAL, pk=pk)


def _examples() -> list[dict]:
    return [
        {**example, "name": _(example["name"]), "meaning": _(example["meaning"])}
        for example in LOCAL_EXAMPLES
    ]


def _answers(form: LocalIndicatorForm) -> dict:
    data = form.cleaned_data
    return {
        "name": data["name"],
        "meaning": data["meaning"],
        "unit": data["unit"],
        "higher_is_better": data["higher_is_better"],
        "source": data["source"],
        "config": form.config(),
        "decimals": data["decimals"],
    }


@organisation_view(can.can_manage_local_indicators)
def local_indicators(request: OrgRequest) -> HttpResponse:
    indicators = list(
        Indicator.objects.filter(organisation=request.organisation, framework=Framework.LOCAL)
    )
    with_results = set(
        Result.objects.filter(indicator__in=indicators).values_list("indicator_id", flat=True)
    )
    taken = {indicator.code for indicator in indicators}
    return render(
        request,
        "indicators/local.html",
        {
            "current": [
                {
                    "indicator": i,
                    "unit": unit_name(i),
                    "direction": direction_text(i),
                    "has_results": i.pk in with_results,
                }
                for i in indicators
                if not i.retired_at
            ],
            "retired": [i for i in indicators if i.retired_at],
            "examples": [e for e in _examples() if e["code"] not in taken],
        },
    )


@organisation_view(can.can_manage_local_indicators)
def create_local_indicator(request: OrgRequest) -> HttpResponse:
    examples = {example["code"]: example for example in _examples()}
    example = examples.get(query.text(request.GET, "example") or request.POST.get("example") or "")
    form = LocalIndicatorForm(
        request.POST or None,
        initial=LocalIndicatorForm.initial_from(example) if example else {"decimals": 1},
    )
    if request.method == "POST" and form.is_valid():
        try:
            indicator = local_services.create_local_indicator(
                organisation=request.organisation,
                code=example["code"] if example else "",
                by=request.user,
                **_answers(form),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("“%(name)s” is added. Its figures will show on the performance page.")
                % {"name": indicator.name},
            )
            return redirect("indicators:local-indicators", request.organisation.slug)
    return render(
        request, "indicators/local_form.html", {"form": form, "example": example, "indicator": None}
    )


@organisation_view(can.can_manage_local_indicators)
def edit_local_indicator(request: OrgRequest, pk: int) -> HttpResponse:
    indicator = _local(request, pk)
    form = LocalIndicatorForm(
        request.POST or None, initial=LocalIndicatorForm.initial_from(indicator)
    )
    if request.method == "POST" and form.is_valid():
        try:
            local_services.change_local_indicator(
                indicator=indicator, by=request.user, **_answers(form)
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(
                request,
                _("Your changes to “%(name)s” are saved.") % {"name": form.cleaned_data["name"]},
            )
            return redirect("indicators:local-indicators", request.organisation.slug)
    return render(
        request,
        "indicators/local_form.html",
        {"form": form, "example": None, "indicator": indicator},
    )


@organisation_view(can.can_manage_local_indicators)
@require_POST
def retire_local_indicator(request: OrgRequest, pk: int) -> HttpResponse:
    indicator = _local(request, pk)
    name = indicator.name
    if request.POST.get("action") == "restore":
        local_services.restore_local_indicator(indicator=indicator, by=request.user)
        messages.success(request, _("“%(name)s” is measured again.") % {"name": name})
    elif local_services.retire_local_indicator(indicator=indicator, by=request.user) is None:
        messages.success(request, _("“%(name)s” is deleted: it had no figures.") % {"name": name})
    else:
        messages.success(
            request,
            _("“%(name)s” is retired. Its past figures are kept; it no longer shows on the "
              "performance page.") % {"name": name},
        )  # fmt: skip
    return redirect("indicators:local-indicators", request.organisation.slug)


urlpatterns = [
    path("performance/local/", local_indicators, name="local-indicators"),
    path("performance/local/new/", create_local_indicator, name="create-local-indicator"),
    path("performance/local/<int:pk>/", edit_local_indicator, name="edit-local-indicator"),
    path(
        "performance/local/<int:pk>/retire/", retire_local_indicator, name="retire-local-indicator"
    ),
]

"""A network's own grant programmes: the list, a new one, and a programme's page where its
details and conditions are edited and it is shown to the public or taken off."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from tenantry.core.forms import add_errors, form_status
from tenantry.organisations.access import OrgRequest, object_in

from .. import permissions as can
from .. import services
from ..forms_groups import ConditionForm, ProgrammeForm
from ..models import FundingProgramme, GrantCondition
from . import network_view


@network_view(can.can_keep_funding_programmes)
def programmes(request: OrgRequest) -> HttpResponse:
    kept = (
        FundingProgramme.objects.filter(organisation=request.organisation)
        .order_by("name", "pk")
        .prefetch_related("conditions")
    )
    return render(request, "journey/network_grants/programmes.html", {"programmes": kept})


def _programme_fields(form) -> dict:
    data = form.cleaned_data
    return {name: data[name] for name in ("name", "funder", "summary", "opens_on", "closes_on")}


@network_view(can.can_keep_funding_programmes)
def new_programme(request: OrgRequest) -> HttpResponse:
    form = ProgrammeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            programme = services.create_programme(
                organisation=request.organisation, by=request.user, **_programme_fields(form)
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The grant programme is saved. Now add its conditions."))
            return redirect("network:grant", request.organisation.slug, programme.pk)
    return render(
        request,
        "journey/network_grants/new.html",
        {"form": form},
        status=form_status(form),
    )


def _condition_fields(form) -> dict:
    data = form.cleaned_data
    return {name: data[name] for name in ("question", "kind", "minimum", "advice")}


@network_view(can.can_keep_funding_programmes)
def programme(request: OrgRequest, pk: int) -> HttpResponse:
    found = object_in(request.organisation, FundingProgramme, pk=pk)
    action = request.POST.get("action", "") if request.method == "POST" else ""
    details = ProgrammeForm(
        request.POST if action == "details" else None,
        prefix="details",
        initial={
            "name": found.name,
            "funder": found.funder,
            "summary": found.summary,
            "opens_on": found.opens_on,
            "closes_on": found.closes_on,
        },
    )
    adding = ConditionForm(request.POST if action == "add" else None, prefix="add")
    problem = None
    if action:
        by = request.user
        try:
            done = None
            if action == "details" and details.is_valid():
                services.update_programme(programme=found, by=by, **_programme_fields(details))
                done = _("The grant programme is saved.")
            elif action == "add" and adding.is_valid():
                services.add_condition(programme=found, by=by, **_condition_fields(adding))
                done = _("The condition is added.")
            elif action == "publish":
                services.publish_programme(programme=found, by=by)
                done = _("The grant programme is shown to the public.")
            elif action == "unpublish":
                services.unpublish_programme(programme=found, by=by)
                done = _("The grant programme is taken off the public pages.")
            elif action in ("up", "down", "remove"):
                condition = object_in(
                    request.organisation,
                    GrantCondition.objects.filter(programme=found),
                    via="programme__organisation",
                    pk=request.POST.get("condition") or 0,
                )
                if action == "remove":
                    services.remove_condition(condition=condition, by=by)
                    done = _("The condition is removed.")
                else:
                    services.move_condition(condition=condition, up=action == "up", by=by)
                    done = _("The conditions' order is saved.")
        except ValidationError as error:
            form = {"details": details, "add": adding}.get(action)
            if form is not None:
                add_errors(form, error)
            else:
                problem = error.messages[0]
        else:
            if done:
                messages.success(request, done)
                return redirect("network:grant", request.organisation.slug, found.pk)
    status = 400 if (problem or details.errors or adding.errors) else 200
    return render(
        request,
        "journey/network_grants/programme.html",
        {
            "programme": found,
            "conditions": list(found.conditions.order_by("position")),
            "details": details,
            "adding": adding,
            "problem": problem,
        },
        status=status,
    )


@network_view(can.can_keep_funding_programmes)
def condition(request: OrgRequest, pk: int, condition: int) -> HttpResponse:
    found = object_in(
        request.organisation,
        GrantCondition.objects.select_related("programme").filter(programme_id=pk),
        via="programme__organisation",
        pk=condition,
    )
    form = ConditionForm(
        request.POST or None,
        initial={
            "question": found.question,
            "kind": found.kind,
            "minimum": found.minimum,
            "advice": found.advice,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.update_condition(condition=found, by=request.user, **_condition_fields(form))
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The condition is saved."))
            return redirect("network:grant", request.organisation.slug, pk)
    return render(
        request,
        "journey/network_grants/condition.html",
        {"form": form, "programme": found.programme, "condition": found},
        status=form_status(form),
    )

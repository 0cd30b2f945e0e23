from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _

from tenantry.core.forms import add_errors
from tenantry.core.history import changes
from tenantry.organisations.access import OrgRequest, organisation_view

from .. import health, selectors, services
from .. import permissions as can
from ..constitution import agm_due_by, plain_rules
from ..forms import ConstitutionForm
from ..models import Membership, SeatKind, SeatRule
from .health import shown_warnings


@organisation_view(can.can_view_democracy)
def democracy(request: OrgRequest) -> HttpResponse:
    organisation, today = request.organisation, timezone.localdate()
    constitution = services.constitution_of(organisation)
    seats = services.seats_of(constitution)
    committee = selectors.committee(
        constitution=constitution, seats=seats, day=today, agm=agm_due_by(constitution, today)
    )
    context = {
        "constitution": constitution,
        "committee": committee,
        "members": Membership.objects.current(today).filter(organisation=organisation).count(),
        "may_register": can.can_view_register(request.roles),
        "may_join": can.can_join(request.roles),
    }
    if can.can_view_democratic_health(request.roles):
        context["warnings"] = shown_warnings(
            health.warnings_for(organisation=organisation, today=today), request.roles
        )
    if context["may_join"]:
        context["mine"] = selectors.own_memberships(
            organisation=organisation, user=request.user
        ).first()
    return render(request, "democracy/democracy.html", context)


@organisation_view(can.can_view_democracy)
def constitution(request: OrgRequest) -> HttpResponse:
    constitution = services.constitution_of(request.organisation)
    seats = services.seats_of(constitution)
    history = list(constitution.history.select_related("history_user"))
    found = [c for c in changes(history, limit=50) if c.fields]
    seat_history = list(
        SeatRule.history.filter(constitution_id=constitution.pk).select_related("history_user")
    )
    for kind in SeatKind:
        # "Tenant seats from 8 to 9", rather than the model's bare "seats".
        label = _("%(kind)s seats") % {"kind": kind.label}
        for change in changes([r for r in seat_history if r.kind == kind], limit=50):
            change.fields = [(label, before, after) for _label, before, after in change.fields]
            if change.fields:
                found.append(change)
    found.sort(key=lambda c: c.when, reverse=True)
    return render(
        request,
        "democracy/constitution.html",
        {
            "constitution": constitution,
            "rules": plain_rules(constitution, seats),
            "changes": found,
            "may_change": can.can_change_constitution(request.roles),
        },
    )


@organisation_view(can.can_change_constitution)
def edit_constitution(request: OrgRequest) -> HttpResponse:
    constitution = services.constitution_of(request.organisation)
    seats = services.seats_of(constitution)
    form = ConstitutionForm(request.POST or None, instance=constitution, seats=seats)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_constitution(
                organisation=request.organisation,
                by=request.user,
                values=form.values(),
                seats=form.seats(),
            )
        except ValidationError as error:
            add_errors(form, error)
        else:
            messages.success(request, _("The constitution is saved."))
            return redirect("democracy:constitution", request.organisation.slug)
    return render(request, "democracy/edit_constitution.html", {"form": form})


urlpatterns = [
    path("democracy/", democracy, name="democracy"),
    path("democracy/constitution/", constitution, name="constitution"),
    path("democracy/constitution/change/", edit_constitution, name="edit-constitution"),
]

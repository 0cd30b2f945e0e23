"""The panel: its members (those holding the panel role), their training, and its terms of
reference."""

from collections import defaultdict

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import path, reverse
from django.utils.translation import gettext as _

from tenantry.core.permissions import Role
from tenantry.organisations.access import OrgRequest
from tenantry.organisations.models import RoleAssignment

from .. import panel_forms as forms
from .. import permissions as can
from .. import programme_services as services
from ..models import PanelTraining
from . import panel_view
from .common import form_page


def _members(request: OrgRequest):
    return (
        RoleAssignment.objects.filter(organisation=request.organisation, role=Role.PANEL)
        .select_related("user")
        .order_by("user__name", "pk")
    )


@panel_view(can.can_run_scrutiny)
def panel(request: OrgRequest) -> HttpResponse:
    members = list(_members(request))
    training = defaultdict(list)
    for record in PanelTraining.objects.filter(panel=request.organisation):
        training[record.member_id].append(record)
    return render(
        request,
        "scrutiny/panel/panel.html",
        {
            "members": [(m, training.get(m.user_id, [])) for m in members],
            "terms": services.terms_of(request.organisation),
        },
    )


@panel_view(can.can_run_scrutiny)
def add_training(request: OrgRequest) -> HttpResponse:
    members = request.user.__class__.objects.filter(
        pk__in=_members(request).values("user")
    ).order_by("name")
    form = forms.TrainingForm(request.POST or None, members=members)
    back = reverse("scrutiny:panel", args=[request.organisation.slug])
    return form_page(
        request,
        form,
        heading=_("Record training"),
        button=_("Save"),
        back=(back, _("The panel")),
        save=lambda data: services.record_training(
            panel=request.organisation, by=request.user, **data
        ),
        done=_("The training is recorded."),
    )


@panel_view(can.can_run_scrutiny)
def edit_terms(request: OrgRequest) -> HttpResponse:
    terms = services.terms_of(request.organisation)
    form = forms.TermsForm(request.POST or None, instance=terms)
    back = reverse("scrutiny:panel", args=[request.organisation.slug])
    return form_page(
        request,
        form,
        heading=_("Terms of reference"),
        intro=_("The rules the panel and its landlord agreed for the panel's work."),
        button=_("Save"),
        back=(back, _("The panel")),
        save=lambda data: services.save_terms(terms=form.save(commit=False), by=request.user),
        done=_("The terms of reference are saved."),
    )


urlpatterns = [
    path("scrutiny/panel/", panel, name="panel"),
    path("scrutiny/panel/training/new/", add_training, name="add-training"),
    path("scrutiny/panel/terms/", edit_terms, name="edit-terms"),
]

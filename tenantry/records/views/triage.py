"""Staff triage residents' new repair reports; residents' photos are served only from here.

A report a resident sends online has no priority until staff read it: the triage list shows
the oldest first, with who reported it, how to reach them, when they are in and their photos,
and a form to set the priority (and put the report under the right trade).
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tenantry.core.forms import GovukForm
from tenantry.core.permissions import Roles
from tenantry.organisations.access import OrgRequest, object_in, organisation_view
from tenantry.records import permissions as can

from .. import services
from ..models import Repair, RepairPhoto, RepairPriority
from ..selectors.deadlines import repair_target, triage_by
from ..selectors.finding import repair_priorities_of
from ..selectors.triage import awaiting_triage_q, repairs_awaiting_triage


class TriageForm(GovukForm, forms.Form):
    priority = forms.TypedChoiceField(
        label=gettext_lazy("Priority"),
        coerce=int,
        error_messages={"required": gettext_lazy("Select a priority")},
    )
    trade = forms.ChoiceField(label=gettext_lazy("Trade"), choices=Repair.Trade.choices)

    def __init__(self, *args, priorities, **kwargs):
        super().__init__(*args, **kwargs)
        self.priorities = {p.pk: p for p in priorities}
        self.fields["priority"].choices = [("", _("Select a priority"))] + [
            (p.pk, str(p)) for p in priorities
        ]

    def clean_priority(self):
        return self.priorities[self.cleaned_data["priority"]]


# Roughly how long each unit lasts, only to list a landlord's priorities quickest first: a
# working day counts as 7/5 of a calendar day, because weekends are not worked.
_HOURS_IN = {
    RepairPriority.Unit.HOURS: 1,
    RepairPriority.Unit.WORKING_DAYS: 24 * 7 / 5,
    RepairPriority.Unit.CALENDAR_DAYS: 24,
}


def _priorities(request: OrgRequest) -> list[RepairPriority]:
    """The landlord's priorities, quickest first, as staff choose between them."""
    priorities = repair_priorities_of(organisation=request.organisation)
    return sorted(priorities, key=lambda p: p.target_amount * _HOURS_IN[p.target_unit])


def _triage_page(request: OrgRequest, bound: TriageForm | None = None, bound_pk=None):
    priorities = _priorities(request)
    today = timezone.localdate()
    reports = list(repairs_awaiting_triage(organisation=request.organisation))
    for repair in reports:
        repair.look_at_by = triage_by(repair)
        repair.late = repair.look_at_by < today
        repair.resident = getattr(repair.reported_by, "resident", None)
        repair.form = (
            bound
            if repair.pk == bound_pk
            else TriageForm(
                priorities=priorities,
                prefix=f"r{repair.pk}",
                initial={"trade": repair.trade},
            )
        )
    return render(
        request,
        "records/staff/triage.html",
        {"reports": reports, "no_priorities": not priorities, "bound_form": bound},
        status=400 if bound is not None else 200,
    )


@organisation_view(can.can_triage_repairs)
def triage(request: OrgRequest) -> HttpResponse:
    return _triage_page(request)


@organisation_view(can.can_triage_repairs)
@require_POST
def set_priority(request: OrgRequest, pk: int) -> HttpResponse:
    repair = object_in(request.organisation, Repair.objects.filter(awaiting_triage_q()), pk=pk)
    form = TriageForm(request.POST, priorities=_priorities(request), prefix=f"r{repair.pk}")
    if form.is_valid():
        try:
            repair = services.set_repair_priority(
                repair=repair,
                priority=form.cleaned_data["priority"],
                trade=form.cleaned_data["trade"],
                by=request.user,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            target = repair_target(repair, timezone.now())
            due = (
                date_format(timezone.localtime(target.due), "j F Y H:i")
                if target.has_time
                else date_format(target.due, "l j F Y")
            )
            messages.success(
                request,
                _("%(reference)s is now %(priority)s, due by %(due)s.")
                % {"reference": repair.reference, "priority": repair.priority.name, "due": due},
            )
            return redirect("services:triage", request.organisation.slug)
    return _triage_page(request, bound=form, bound_pk=repair.pk)


def _may_ask_for_photos(roles: Roles) -> bool:
    return can.can_triage_repairs(roles) or can.can_report_as_resident(roles)


@organisation_view(_may_ask_for_photos)
def repair_photo(request: OrgRequest, pk: int) -> FileResponse:
    """A resident's photo, never from a public media address: staff, and the resident who sent
    it; for anyone else who lives there it does not exist (404)."""
    photo = object_in(
        request.organisation,
        RepairPhoto.objects.select_related("repair"),
        via="repair__organisation",
        pk=pk,
    )
    if not can.can_see_repair_photo(user=request.user, roles=request.roles, repair=photo.repair):
        raise Http404
    response = FileResponse(photo.file.open("rb"), content_type=photo.content_type)
    response["Cache-Control"] = "private, no-store"
    return response


urlpatterns = [
    path("repairs/new-reports/", triage, name="triage"),
    path("repairs/new-reports/<int:pk>/priority/", set_priority, name="set-repair-priority"),
    path("repairs/photos/<int:pk>/", repair_photo, name="repair-photo"),
]

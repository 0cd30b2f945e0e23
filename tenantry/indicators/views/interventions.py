"""The intervention ladder under an agreement: the landlord records steps and outcomes, the
organisation's committee sees them and may answer each one."""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tenantry.core.forms import Checkboxes, DateInput, GovukForm, Radios, form_status
from tenantry.core.history import changes
from tenantry.indicators import permissions as can
from tenantry.organisations.access import OrgRequest, organisation_view
from tenantry.organisations.models import ManagementAgreement

from ..models import Indicator, Intervention, MonitoringItem
from ..portfolio import INTERVENTION_RANK
from ..selectors import indicators_for
from ..services import interventions as services
from .monitoring import agreement_in, is_organisation_side

LEVEL_HINTS = {
    Intervention.Level.DISCUSSION: gettext_lazy(
        "A meeting to talk through what the figures mean and what will be done."
    ),
    Intervention.Level.IMPROVEMENT_NOTICE: gettext_lazy(
        "A written notice of what must improve, by how much and by when."
    ),
    Intervention.Level.FORMAL: gettext_lazy(
        "The landlord uses its powers under the management agreement."
    ),
}


def _indicator_choices(agreement: ManagementAgreement):
    """The scheduled indicators first; any other the organisation reports is allowed too."""
    scheduled = MonitoringItem.objects.filter(agreement=agreement).values("indicator_id")
    return indicators_for(organisation=agreement.organisation).filter(pk__in=scheduled)


class StepForm(GovukForm, forms.Form):
    level = forms.ChoiceField(
        label=gettext_lazy("Step"), choices=Intervention.Level.choices, widget=Radios
    )
    started_on = forms.DateField(label=gettext_lazy("Started"), widget=DateInput)
    reason = forms.CharField(
        label=gettext_lazy("Why"),
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=gettext_lazy("The figures or events that led to this step, in plain words."),
    )
    indicators = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Indicators concerned"),
        queryset=Indicator.objects.none(),
        required=False,
        widget=Checkboxes,
    )
    review_on = forms.DateField(label=gettext_lazy("Review by"), required=False, widget=DateInput)
    outcome = forms.CharField(
        label=gettext_lazy("Outcome"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("What came of it. Needed when the step ends."),
    )
    ended_on = forms.DateField(
        label=gettext_lazy("Ended"),
        required=False,
        widget=DateInput,
        help_text=gettext_lazy("Leave blank while the step is still in force."),
    )

    def __init__(self, *args, agreement: ManagementAgreement, creating: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicators"].queryset = _indicator_choices(agreement)
        self.fields["indicators"].label_from_instance = lambda i: f"{i.code} – {_(i.name)}"
        self.fields["level"].choices = [
            (value, label) for value, label in Intervention.Level.choices
        ]
        if creating:
            del self.fields["outcome"], self.fields["ended_on"]
        else:
            del self.fields["level"], self.fields["started_on"]


class ResponseForm(GovukForm, forms.Form):
    response = forms.CharField(
        label=gettext_lazy("The organisation's response"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=gettext_lazy(
            "What the committee wants on record: the context behind the figures, and what it is "
            "doing about them."
        ),
    )


@organisation_view(can.can_view_interventions)
def interventions(request: OrgRequest, pk: int) -> HttpResponse:
    agreement = agreement_in(request, pk)
    steps = list(
        Intervention.objects.filter(agreement=agreement)
        .prefetch_related("indicators")
        .select_related("recorded_by")
        .order_by("-started_on", "-pk")
    )
    open_steps = [s for s in steps if s.ended_on is None]
    current = max(open_steps, key=lambda s: INTERVENTION_RANK[s.level], default=None)
    ladder = [
        {
            "level": value,
            "label": label,
            "hint": LEVEL_HINTS[value],
            "current": current is not None and current.level == value,
            "open": sum(1 for s in open_steps if s.level == value),
            "ever": sum(1 for s in steps if s.level == value),
        }
        for value, label in Intervention.Level.choices
    ]
    return render(
        request,
        "indicators/interventions.html",
        {
            "agreement": agreement,
            "steps": steps,
            "current": current,
            "ladder": ladder,
            "organisation_side": is_organisation_side(request, agreement),
            "today": timezone.localdate(),
            "tab": "interventions",
        },
    )


@organisation_view(can.can_record_interventions)
def record_intervention(request: OrgRequest, pk: int) -> HttpResponse:
    agreement = agreement_in(request, pk)
    form = StepForm(
        request.POST or None,
        agreement=agreement,
        creating=True,
        initial={"started_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        try:
            step = services.record_step(agreement=agreement, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Recorded the step: %(level)s.") % {"level": step.get_level_display()}
            )
            return redirect("indicators:interventions", request.organisation.slug, agreement.pk)
    return render(
        request,
        "indicators/intervention_form.html",
        {"agreement": agreement, "form": form, "tab": "interventions"},
        status=form_status(form),
    )


def _step_in(agreement: ManagementAgreement, step_id: int) -> Intervention:
    return get_object_or_404(Intervention, agreement=agreement, pk=step_id)


@organisation_view(can.can_record_interventions)
def edit_intervention(request: OrgRequest, pk: int, step_id: int) -> HttpResponse:
    agreement = agreement_in(request, pk)
    step = _step_in(agreement, step_id)
    initial = {
        "reason": step.reason,
        "indicators": list(step.indicators.all()),
        "review_on": step.review_on,
        "outcome": step.outcome,
        "ended_on": step.ended_on,
    }
    form = StepForm(request.POST or None, agreement=agreement, creating=False, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_step(step=step, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved the step."))
            return redirect("indicators:interventions", request.organisation.slug, agreement.pk)
    history = step.history.select_related("history_user").order_by("-history_date")
    return render(
        request,
        "indicators/intervention_form.html",
        {
            "agreement": agreement,
            "form": form,
            "step": step,
            "changes": changes(history),
            "tab": "interventions",
        },
        status=form_status(form),
    )


@organisation_view(can.can_respond_to_interventions)
def respond_to_intervention(request: OrgRequest, pk: int, step_id: int) -> HttpResponse:
    agreement = agreement_in(request, pk)
    if not is_organisation_side(request, agreement):
        raise PermissionDenied
    step = _step_in(agreement, step_id)
    form = ResponseForm(request.POST or None, initial={"response": step.response})
    if request.method == "POST" and form.is_valid():
        try:
            services.respond(step=step, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved the organisation's response."))
            return redirect("indicators:interventions", request.organisation.slug, agreement.pk)
    return render(
        request,
        "indicators/intervention_respond.html",
        {"agreement": agreement, "form": form, "step": step, "tab": "interventions"},
        status=form_status(form),
    )


urlpatterns = [
    path("agreements/<int:pk>/interventions/", interventions, name="interventions"),
    path(
        "agreements/<int:pk>/interventions/new/",
        record_intervention,
        name="record-intervention",
    ),
    path(
        "agreements/<int:pk>/interventions/<int:step_id>/edit/",
        edit_intervention,
        name="edit-intervention",
    ),
    path(
        "agreements/<int:pk>/interventions/<int:step_id>/respond/",
        respond_to_intervention,
        name="respond-intervention",
    ),
]

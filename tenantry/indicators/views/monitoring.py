"""The agreement's monitoring schedule and the submissions it makes due.

Pages live under either party's address (`/o/<organisation or landlord>/agreements/<pk>/…`).
Sending figures is for the organisation's side, at its own address; accepting or querying them
is for the landlord's officers.
"""

from datetime import date

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from tenantry.core import query
from tenantry.core.forms import GovukForm, Radios, form_status
from tenantry.core.periods import (
    Period,
    financial_year_of,
    parse_period,
    years_offered,
)
from tenantry.indicators import permissions as can
from tenantry.organisations.access import OrgRequest, organisation_view
from tenantry.organisations.models import ManagementAgreement
from tenantry.organisations.selectors import agreements_of

from ..models import Frequency, Indicator, MonitoringItem, Submission
from ..schedule import (
    STATE_TAGS,
    due_periods,
    items_carried,
    needs_commentary,
    schedule_of,
    submission_figures,
)
from ..selectors import indicators_for
from ..services import submissions as services

# --- shared by the agreement's pages ----------------------------------------------------------


def agreement_in(request: OrgRequest, pk: int) -> ManagementAgreement:
    """An agreement the organisation is party to (as the organisation or as the landlord)."""
    return get_object_or_404(agreements_of(organisation=request.organisation), pk=pk)


def is_organisation_side(request: OrgRequest, agreement: ManagementAgreement) -> bool:
    """Whether the page is seen at the organisation's own address (not the landlord's)."""
    return request.organisation.pk == agreement.organisation_id


def chosen_year(request: OrgRequest, today: date) -> Period:
    """The financial year named by `?year=2025/26`, or the current one."""
    return query.year(request.GET, today=today) or financial_year_of(today)


def year_choices(agreement: ManagementAgreement, today: date, *, ahead: int = 1) -> list[Period]:
    """Financial years to pick from: those every picker offers (not before the agreement),
    and `ahead` years to come."""
    return years_offered(today=today, ahead=ahead, not_before=agreement.starts_on)


def tag_of(state: str) -> dict:
    text, colour = STATE_TAGS[state]
    return {"text": text, "colour": colour}


# --- the schedule -----------------------------------------------------------------------------


class MonitoringItemForm(GovukForm, forms.Form):
    indicator = forms.ModelChoiceField(
        label=gettext_lazy("Indicator"), queryset=Indicator.objects.none(), empty_label=""
    )
    frequency = forms.ChoiceField(
        label=gettext_lazy("How often"), choices=Frequency.choices, widget=Radios
    )
    form = forms.ChoiceField(
        label=gettext_lazy("In what form"),
        choices=MonitoringItem.Form.choices,
        widget=Radios,
        initial=MonitoringItem.Form.FIGURES,
        help_text=gettext_lazy(
            "A commentary or a written report must be sent with the figures; "
            "figures alone need no words."
        ),
    )
    days_to_submit = forms.IntegerField(
        label=gettext_lazy("Days allowed to send the figures"),
        min_value=1,
        max_value=365,
        initial=30,
        help_text=gettext_lazy("Counted from the end of each period. 30 days is usual."),
    )
    intervention_threshold = forms.DecimalField(
        label=gettext_lazy("Intervention threshold"),
        required=False,
        min_value=0,
        max_digits=12,
        decimal_places=2,
        help_text=gettext_lazy(
            "How far beyond the target's tolerance, in the indicator's own unit, before you "
            "consider the intervention ladder. Leave blank to judge case by case."
        ),
    )
    targets_agreed = forms.BooleanField(
        label=gettext_lazy("Targets are agreed with the landlord"),
        required=False,
        help_text=gettext_lazy(
            "A change to this indicator's target by either side takes effect only when the "
            "other side agrees it."
        ),
    )

    def __init__(self, *args, indicators=None, **kwargs):
        super().__init__(*args, **kwargs)
        if indicators is None:
            del self.fields["indicator"]
        else:
            self.fields["indicator"].queryset = indicators
            self.fields["indicator"].label_from_instance = lambda i: f"{i.code} – {_(i.name)}"


@organisation_view(can.can_view_submissions)
def monitoring(request: OrgRequest, pk: int) -> HttpResponse:
    agreement = agreement_in(request, pk)
    today = timezone.localdate()
    year = chosen_year(request, today)
    items = schedule_of(agreement)
    submissions = list(
        Submission.objects.filter(
            agreement=agreement, period_start__gte=year.start, period_end__lte=year.end
        )
    )
    periods = due_periods(
        agreement=agreement, items=items, submissions=submissions, years=[year], today=today
    )
    return render(
        request,
        "indicators/monitoring.html",
        {
            "agreement": agreement,
            "items": items,
            "year": year,
            "years": year_choices(agreement, today, ahead=0),
            "periods": [(d, tag_of(d.state)) for d in periods],
            "organisation_side": is_organisation_side(request, agreement),
            "tab": "monitoring",
        },
    )


@organisation_view(can.can_edit_monitoring_schedule)
def add_monitoring_item(request: OrgRequest, pk: int) -> HttpResponse:
    agreement = agreement_in(request, pk)
    scheduled = MonitoringItem.objects.filter(agreement=agreement).values("indicator_id")
    indicators = indicators_for(organisation=agreement.organisation).exclude(pk__in=scheduled)
    form = MonitoringItemForm(request.POST or None, indicators=indicators)
    if request.method == "POST" and form.is_valid():
        try:
            item = services.add_monitoring_item(
                agreement=agreement, by=request.user, **form.cleaned_data
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(
                request, _("Added %(code)s to the schedule.") % {"code": item.indicator.code}
            )
            return redirect("indicators:monitoring", request.organisation.slug, agreement.pk)
    return render(
        request,
        "indicators/monitoring_item_form.html",
        {"agreement": agreement, "form": form, "tab": "monitoring"},
        status=form_status(form),
    )


@organisation_view(can.can_edit_monitoring_schedule)
def edit_monitoring_item(request: OrgRequest, pk: int, item_id: int) -> HttpResponse:
    agreement = agreement_in(request, pk)
    item = get_object_or_404(
        MonitoringItem.objects.select_related("indicator"), agreement=agreement, pk=item_id
    )
    initial = {
        "frequency": item.frequency,
        "form": item.form,
        "days_to_submit": item.days_to_submit,
        "intervention_threshold": item.intervention_threshold,
        "targets_agreed": item.targets_agreed,
    }
    form = MonitoringItemForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.change_monitoring_item(item=item, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Saved the schedule for %(code)s.") % {"code": item})
            return redirect("indicators:monitoring", request.organisation.slug, agreement.pk)
    return render(
        request,
        "indicators/monitoring_item_form.html",
        {"agreement": agreement, "form": form, "item": item, "tab": "monitoring"},
        status=form_status(form),
    )


@organisation_view(can.can_edit_monitoring_schedule)
@require_POST
def remove_monitoring_item(request: OrgRequest, pk: int, item_id: int) -> HttpResponse:
    agreement = agreement_in(request, pk)
    item = get_object_or_404(
        MonitoringItem.objects.select_related("indicator"), agreement=agreement, pk=item_id
    )
    services.remove_monitoring_item(item=item, by=request.user)
    messages.success(request, _("Took %(code)s off the schedule.") % {"code": item.indicator.code})
    return redirect("indicators:monitoring", request.organisation.slug, agreement.pk)


# --- submissions ------------------------------------------------------------------------------


class SendForm(GovukForm, forms.Form):
    commentary = forms.CharField(
        label=gettext_lazy("Commentary"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=gettext_lazy(
            "What the figures mean, anything unusual in the period and what you are doing "
            "about any that fall short."
        ),
    )

    def __init__(self, *args, commentary_needed: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if commentary_needed:
            self.fields["commentary"].required = True
            self.fields["commentary"].error_messages["required"] = _(
                "The monitoring schedule asks for a commentary with these figures."
            )


class CommentForm(GovukForm, forms.Form):
    comment = forms.CharField(
        label=gettext_lazy("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


def _submission_in(request: OrgRequest, pk: int, submission_id: int) -> Submission:
    agreement = agreement_in(request, pk)
    return get_object_or_404(
        Submission.objects.select_related("agreement__organisation", "agreement__landlord"),
        agreement=agreement,
        pk=submission_id,
    )


def _period_of(submission: Submission) -> Period:
    return Period(
        submission.period_start,
        submission.period_end,
        submission.period_label,
        submission.period_kind,
    )


def _render_submission(
    request: OrgRequest, submission: Submission, *, send_form=None, decide_form=None, note_form=None
) -> HttpResponse:
    agreement = submission.agreement
    today = timezone.localdate()
    items = items_carried(agreement=agreement, kind=submission.period_kind)
    due = due_periods(
        agreement=agreement,
        items=items,
        submissions=[submission],
        years=[financial_year_of(submission.period_start)],
        today=today,
    )
    this = next((d for d in due if d.period.start == submission.period_start
                 and d.period.end == submission.period_end), None)  # fmt: skip
    organisation_side = is_organisation_side(request, agreement)
    may_send = (
        organisation_side
        and can.can_submit_figures(request.roles)
        and submission.status in (Submission.Status.DRAFT, Submission.Status.QUERIED)
    )
    may_decide = (
        can.can_decide_submissions(request.roles)
        and submission.status == Submission.Status.SUBMITTED
    )
    commentary_needed = needs_commentary(items)
    return render(
        request,
        "indicators/submission.html",
        {
            "agreement": agreement,
            "submission": submission,
            "figures": submission_figures(submission),
            "events": submission.events.select_related("by"),
            "due": this,
            "year_label": financial_year_of(submission.period_start).label,
            "tag": tag_of(this.state) if this else tag_of(submission.status),
            "forms": {item.indicator.code: item.get_form_display() for item in items},
            "commentary_needed": commentary_needed,
            "may_send": may_send,
            "may_decide": may_decide,
            "may_comment": can.can_comment_on_submissions(request.roles),
            "send_form": send_form
            or SendForm(
                initial={"commentary": submission.commentary},
                commentary_needed=commentary_needed,
            ),
            "decide_form": decide_form or CommentForm(prefix="decide"),
            "note_form": note_form or CommentForm(prefix="note"),
            "tab": "monitoring",
        },
        status=400 if any(f and f.errors for f in (send_form, decide_form, note_form)) else 200,
    )


@organisation_view(can.can_view_submissions)
def submission(request: OrgRequest, pk: int, submission_id: int) -> HttpResponse:
    return _render_submission(request, _submission_in(request, pk, submission_id))


@organisation_view(can.can_submit_figures)
@require_POST
def open_submission(request: OrgRequest, pk: int) -> HttpResponse:
    agreement = agreement_in(request, pk)
    if not is_organisation_side(request, agreement):
        raise PermissionDenied
    try:
        period = parse_period(request.POST.get("period", ""))
    except ValueError as error:
        raise Http404 from error
    try:
        opened = services.open_submission(agreement=agreement, period=period, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("indicators:monitoring", request.organisation.slug, agreement.pk)
    return redirect("indicators:submission", request.organisation.slug, agreement.pk, opened.pk)


@organisation_view(can.can_submit_figures)
@require_POST
def send_submission(request: OrgRequest, pk: int, submission_id: int) -> HttpResponse:
    found = _submission_in(request, pk, submission_id)
    if not is_organisation_side(request, found.agreement):
        raise PermissionDenied
    items = items_carried(agreement=found.agreement, kind=found.period_kind)
    form = SendForm(request.POST, commentary_needed=needs_commentary(items))
    if form.is_valid():
        try:
            services.submit(
                submission=found, commentary=form.cleaned_data["commentary"], by=request.user
            )
        except ValidationError as error:
            if not hasattr(error, "error_dict"):  # the figures have moved on: say so and show
                return _refused(request, found, error)
            form.add_error(None, error)
        else:
            messages.success(
                request,
                _("Sent the figures for %(period)s to %(landlord)s.")
                % {"period": found.period_label, "landlord": found.agreement.landlord.name},
            )
            return redirect("indicators:submission", request.organisation.slug, pk, found.pk)
    found.refresh_from_db()
    return _render_submission(request, found, send_form=form)


def _refused(request: OrgRequest, found: Submission, error: ValidationError) -> HttpResponse:
    """A step no longer open (someone else acted first): say why and show where things are."""
    messages.error(request, " ".join(error.messages))
    return redirect(
        "indicators:submission", request.organisation.slug, found.agreement_id, found.pk
    )


def _decide(request: OrgRequest, pk: int, submission_id: int, decision, done: str) -> HttpResponse:
    found = _submission_in(request, pk, submission_id)
    form = CommentForm(request.POST, prefix="decide")
    form.is_valid()
    try:
        decision(submission=found, comment=form.cleaned_data.get("comment", ""), by=request.user)
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            return _refused(request, found, error)
        form.add_error(None, error)
        return _render_submission(request, found, decide_form=form)
    messages.success(request, done)
    return redirect("indicators:submission", request.organisation.slug, pk, found.pk)


@organisation_view(can.can_decide_submissions)
@require_POST
def accept_submission(request: OrgRequest, pk: int, submission_id: int) -> HttpResponse:
    return _decide(request, pk, submission_id, services.accept, _("Accepted the figures."))


@organisation_view(can.can_decide_submissions)
@require_POST
def query_submission(request: OrgRequest, pk: int, submission_id: int) -> HttpResponse:
    return _decide(
        request, pk, submission_id, services.query, _("Sent your query to the organisation.")
    )


@organisation_view(can.can_comment_on_submissions)
@require_POST
def comment_on_submission(request: OrgRequest, pk: int, submission_id: int) -> HttpResponse:
    found = _submission_in(request, pk, submission_id)
    form = CommentForm(request.POST, prefix="note")
    form.is_valid()
    try:
        services.comment(
            submission=found, comment=form.cleaned_data.get("comment", ""), by=request.user
        )
    except ValidationError as error:
        form.add_error(None, error)
        return _render_submission(request, found, note_form=form)
    messages.success(request, _("Added your comment."))
    return redirect("indicators:submission", request.organisation.slug, pk, found.pk)


urlpatterns = [
    path("agreements/<int:pk>/monitoring/", monitoring, name="monitoring"),
    path("agreements/<int:pk>/monitoring/add/", add_monitoring_item, name="add-monitoring-item"),
    path(
        "agreements/<int:pk>/monitoring/<int:item_id>/edit/",
        edit_monitoring_item,
        name="edit-monitoring-item",
    ),
    path(
        "agreements/<int:pk>/monitoring/<int:item_id>/remove/",
        remove_monitoring_item,
        name="remove-monitoring-item",
    ),
    path("agreements/<int:pk>/submissions/open/", open_submission, name="open-submission"),
    path("agreements/<int:pk>/submissions/<int:submission_id>/", submission, name="submission"),
    path(
        "agreements/<int:pk>/submissions/<int:submission_id>/send/",
        send_submission,
        name="send-submission",
    ),
    path(
        "agreements/<int:pk>/submissions/<int:submission_id>/accept/",
        accept_submission,
        name="accept-submission",
    ),
    path(
        "agreements/<int:pk>/submissions/<int:submission_id>/query/",
        query_submission,
        name="query-submission",
    ),
    path(
        "agreements/<int:pk>/submissions/<int:submission_id>/comment/",
        comment_on_submission,
        name="comment-submission",
    ),
]

"""Targets under an agreement: the year's targets with red, amber and green, setting one, and
planning five years toward the top quartile."""

from decimal import Decimal

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tenantry.core import query
from tenantry.core.charts import trend_chart
from tenantry.core.figures import figure_text, rounded
from tenantry.core.forms import GovukForm, Radios, form_status
from tenantry.core.periods import financial_year, financial_year_of
from tenantry.indicators import permissions as can
from tenantry.organisations.access import OrgRequest, organisation_view
from tenantry.organisations.models import ManagementAgreement

from ..models import Indicator, Target, TargetProposal, Unit
from ..schedule import targets_agreed
from ..services import targets as services
from ..target_tracking import (
    headline_results,
    open_proposals,
    proposal_history,
    target_history,
    target_rows,
    top_quartile_goal,
    yearly_history,
)
from ..targets import direction_text
from .monitoring import agreement_in, chosen_year, year_choices

CHART_UNITS = {
    Unit.PERCENT: "%",
    Unit.DAYS: "days",
    Unit.POUNDS: "£",
    Unit.PER_THOUSAND: "per 1,000",
    Unit.SCORE: "",
    Unit.NUMBER: "",
}


def _indicator(agreement: ManagementAgreement, code: str) -> Indicator:
    """A national indicator, or one of the organisation's own, by its code."""
    found = (
        Indicator.objects.filter(
            Q(organisation__isnull=True) | Q(organisation=agreement.organisation_id), code=code
        )
        .order_by("organisation_id")  # the organisation's own after a national one
        .last()
    )
    if found is None:
        raise Http404
    return found


@organisation_view(can.can_view_targets)
def targets(request: OrgRequest, pk: int) -> HttpResponse:
    agreement = agreement_in(request, pk)
    today = timezone.localdate()
    year = chosen_year(request, today)
    every = query.text(request.GET, "all") == "1"
    rows = target_rows(agreement=agreement, year=year, every_indicator=every, today=today)
    counts = {
        status: sum(1 for r in rows if r.status == status) for status in ("green", "amber", "red")
    }
    proposals = (
        open_proposals(agreement=agreement) if can.can_view_target_proposals(request.roles) else []
    )
    waiting = {(p.indicator_id, p.year_start) for p in proposals}
    for row in rows:
        row.waiting = (row.indicator.pk, year.start) in waiting
    return render(
        request,
        "indicators/targets.html",
        {
            "agreement": agreement,
            "proposals": proposals,
            "side": can.side_of(request.roles),
            "year": year,
            "years": year_choices(agreement, today, ahead=5),
            "rows": rows,
            "counts": counts,
            "every": every,
            "tab": "targets",
        },
    )


class TargetForm(GovukForm, forms.Form):
    value = forms.DecimalField(label=gettext_lazy("Target"), max_digits=12, decimal_places=2)
    tolerance = forms.DecimalField(
        label=gettext_lazy("Tolerance"),
        max_digits=12,
        decimal_places=2,
        min_value=0,
        initial=0,
        help_text=gettext_lazy(
            "How far short of the target still counts as amber (just short) rather than red, "
            "in the indicator's own unit. 0 means anything short of the target is red."
        ),
    )
    note = forms.CharField(
        label=gettext_lazy("Why this target"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    def __init__(self, *args, indicator: Indicator, **kwargs):
        super().__init__(*args, **kwargs)
        unit = indicator.get_unit_display()
        self.fields["value"].help_text = _("In %(unit)s. %(direction)s.") % {
            "unit": unit,
            "direction": direction_text(indicator),
        }


@organisation_view(can.can_set_targets)
def set_target(request: OrgRequest, pk: int, code: str) -> HttpResponse:
    agreement = agreement_in(request, pk)
    indicator = _indicator(agreement, code)
    today = timezone.localdate()
    year = chosen_year(request, today)
    existing = Target.objects.filter(
        agreement=agreement, indicator=indicator, year_start=year.start
    ).first()
    initial = (
        {"value": existing.value, "tolerance": existing.tolerance, "note": existing.note}
        if existing
        else {}
    )
    agreed = targets_agreed(agreement=agreement, indicator=indicator)
    form = TargetForm(request.POST or None, initial=initial, indicator=indicator)
    if agreed:
        form.fields["note"].label = _("Why the target should change")
        form.fields["note"].required = True
        form.fields["note"].error_messages["required"] = _("Enter why the target should change")
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.change_target(
                agreement=agreement,
                indicator=indicator,
                year_start=year.start,
                by=request.user,
                **form.cleaned_data,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if isinstance(changed, TargetProposal):
                messages.success(
                    request,
                    _(
                        "Proposed the change to the %(year)s target for %(code)s. It takes "
                        "effect when %(other)s agrees it."
                    )
                    % {
                        "year": year.label,
                        "code": indicator.code,
                        "other": _other_party(agreement, changed),
                    },
                )
            else:
                messages.success(
                    request,
                    _("Saved the %(year)s target for %(code)s.")
                    % {"year": year.label, "code": indicator.code},
                )
            return redirect(f"{_url('indicators:targets', request, agreement)}?year={year.label}")
    history = proposal_history(agreement=agreement, indicator=indicator)
    return render(
        request,
        "indicators/targets_set.html",
        {
            "agreement": agreement,
            "indicator": indicator,
            "year": year,
            "existing": existing,
            "agreed": agreed,
            "waiting": next(
                (
                    p
                    for p in history
                    if p.status == TargetProposal.Status.PENDING and p.year_start == year.start
                ),
                None,
            ),
            "proposals": history,
            "form": form,
            "chart": _trend(agreement, indicator, today),
            "history": target_history(agreement=agreement, indicator=indicator),
            "tab": "targets",
        },
        status=form_status(form),
    )


def _other_party(agreement: ManagementAgreement, proposal: TargetProposal) -> str:
    if proposal.deciding_side == TargetProposal.Side.LANDLORD:
        return agreement.landlord.name
    return agreement.organisation.name


class DecisionForm(GovukForm, forms.Form):
    decision = forms.ChoiceField(
        label=gettext_lazy("Do you agree the change?"),
        choices=[
            ("agree", gettext_lazy("Agree: the new target takes effect")),
            ("decline", gettext_lazy("Decline: the target stays as it is")),
        ],
        widget=Radios,
        error_messages={"required": gettext_lazy("Select whether you agree the change")},
    )
    comment = forms.CharField(
        label=gettext_lazy("Comment"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=gettext_lazy("Needed if you decline: say why."),
    )


@organisation_view(can.can_view_target_proposals)
def target_change(request: OrgRequest, pk: int, proposal_id: int) -> HttpResponse:
    agreement = agreement_in(request, pk)
    proposal = get_object_or_404(
        TargetProposal.objects.select_related("indicator", "proposed_by", "decided_by"),
        agreement=agreement,
        pk=proposal_id,
    )
    may_decide = (
        proposal.status == TargetProposal.Status.PENDING
        and proposal.proposed_by_id != request.user.pk
        and can.can_decide_target_proposal(request.roles, proposed_by_side=proposal.side)
    )
    form = DecisionForm(request.POST or None)
    if request.method == "POST":
        if not may_decide and proposal.status == TargetProposal.Status.PENDING:
            raise PermissionDenied
        if may_decide and form.is_valid():
            agree = form.cleaned_data["decision"] == "agree"
            try:
                services.decide_target_proposal(
                    proposal=proposal,
                    agree=agree,
                    comment=form.cleaned_data["comment"],
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    (
                        _("Agreed: the %(code)s target is now %(value)s.")
                        if agree
                        else _("Declined: the %(code)s target stays as it was.")
                    )
                    % {
                        "code": proposal.indicator.code,
                        "value": figure_text(
                            proposal.value,
                            proposal.indicator.unit,
                            places=proposal.indicator.decimals,
                        ),
                    },
                )
                year = financial_year_of(proposal.year_start).label
                return redirect(f"{_url('indicators:targets', request, agreement)}?year={year}")
    return render(
        request,
        "indicators/target_change.html",
        {
            "agreement": agreement,
            "proposal": proposal,
            "year": financial_year_of(proposal.year_start),
            "other": _other_party(agreement, proposal),
            "may_decide": may_decide,
            "form": form,
            "tab": "targets",
        },
        status=form_status(form),
    )


def _url(name: str, request: OrgRequest, agreement: ManagementAgreement, *args) -> str:
    return reverse(name, args=[request.organisation.slug, agreement.pk, *args])


def _trend(agreement: ManagementAgreement, indicator: Indicator, today, extra=None, goal=None):
    """The yearly figures against the targets, with the top-quartile band when known."""
    rows = yearly_history(
        agreement=agreement,
        indicator=indicator,
        today=today,
        back=2 if extra else 4,
        ahead=0 if extra else 2,
    )
    if extra:
        known = {row["period"]: row for row in rows}
        for label, value in extra:
            if label in known:
                known[label]["target"] = value
            else:
                rows.append({"period": label, "value": None, "target": value})
    if not any(r["value"] is not None or r["target"] is not None for r in rows):
        return None
    band = {}
    if goal is not None:
        top = Decimal(100) if indicator.unit == Unit.PERCENT else None
        for row in rows:
            if indicator.higher_is_better:
                row["low"] = goal.threshold
                row["high"] = top or max(
                    [v for r in rows for v in (r["value"], r["target"]) if v is not None]
                    + [goal.threshold]
                )
            else:
                row["low"], row["high"] = Decimal(0), goal.threshold
        band = {"band_low": "low", "band_high": "high"}
    name = _(indicator.name)
    return trend_chart(
        title=_("%(code)s each year against its target") % {"code": indicator.code},
        description=_(
            "%(name)s for %(organisation)s each financial year, with the agreed target as a "
            "dashed line."
        )
        % {"name": name, "organisation": agreement.organisation.name},
        rows=rows,
        period="period",
        value="value",
        value_title=name,
        unit=CHART_UNITS.get(indicator.unit, ""),
        target="target",
        period_title=_("Financial year"),
        **band,
    )


class TrajectoryForm(GovukForm, forms.Form):
    start = forms.DecimalField(
        label=gettext_lazy("Where you start"),
        max_digits=12,
        decimal_places=4,
        help_text=gettext_lazy("This year's figure (or last year's if the year is not over)."),
    )
    goal = forms.DecimalField(
        label=gettext_lazy("Where you aim to be in five years"),
        max_digits=12,
        decimal_places=2,
        help_text=gettext_lazy(
            "The Guide asks each service to reach the level of the top 25% of landlords."
        ),
    )
    first_year = forms.ChoiceField(label=gettext_lazy("First year of the five"))
    tolerance = forms.DecimalField(
        label=gettext_lazy("Tolerance each year"),
        max_digits=12,
        decimal_places=2,
        min_value=0,
        initial=0,
        help_text=gettext_lazy("How far short of each year's target still counts as amber."),
    )

    def __init__(self, *args, years, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["first_year"].choices = [(y.label, y.label) for y in years]


@organisation_view(can.can_set_targets)
def plan_trajectory(request: OrgRequest, pk: int, code: str) -> HttpResponse:
    agreement = agreement_in(request, pk)
    indicator = _indicator(agreement, code)
    today = timezone.localdate()
    this_year = financial_year_of(today)
    years = [financial_year(this_year.start.year + n) for n in range(-1, 3)]
    goal = top_quartile_goal(indicator=indicator, today=today)
    # This year's figure once the year is over, else last year's: a part year is not a start.
    years_with_figures = headline_results(agreement.organisation_id).filter(
        indicator=indicator, period_kind="year"
    )
    latest = (
        years_with_figures.filter(period_end__lt=today).order_by("-period_start").first()
        or years_with_figures.order_by("-period_start").first()
    )
    first = financial_year(latest.period_start.year + 1) if latest else this_year
    first = first if first in years else this_year
    initial = {
        "start": rounded(latest.value, 1) if latest else None,
        "goal": goal.threshold if goal else None,
        "first_year": first.label,
        "tolerance": Decimal(0),
    }
    data = request.POST if request.method == "POST" else (request.GET or None)
    form = TrajectoryForm(data, initial=initial, years=years)
    plan = []
    if form.is_bound and form.is_valid():
        data = form.cleaned_data
        values = services.plan_trajectory(
            indicator=indicator, start=data["start"], goal=data["goal"]
        )
        start_year = financial_year(data["first_year"]).start.year
        plan = [(financial_year(start_year + n).label, v) for n, v in enumerate(values)]
        if request.method == "POST":
            try:
                services.save_trajectory(
                    agreement=agreement, indicator=indicator, by=request.user, **data
                )
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(
                    request,
                    _("Saved five yearly targets for %(code)s, %(first)s to %(last)s.")
                    % {"code": indicator.code, "first": plan[0][0], "last": plan[-1][0]},
                )
                return redirect(
                    f"{_url('indicators:targets', request, agreement)}?year={plan[0][0]}"
                )
    return render(
        request,
        "indicators/targets_trajectory.html",
        {
            "agreement": agreement,
            "indicator": indicator,
            "form": form,
            "goal": goal,
            "latest": latest,
            "plan": [
                (label, value, figure_text(value, indicator.unit, places=indicator.decimals))
                for label, value in plan
            ],
            "chart": _trend(agreement, indicator, today, extra=plan, goal=goal) if plan else None,
            "tab": "targets",
        },
        status=form_status(form),
    )


urlpatterns = [
    path("agreements/<int:pk>/targets/", targets, name="targets"),
    path("agreements/<int:pk>/targets/<str:code>/", set_target, name="set-target"),
    path(
        "agreements/<int:pk>/target-changes/<int:proposal_id>/",
        target_change,
        name="target-change",
    ),
    path(
        "agreements/<int:pk>/targets/<str:code>/trajectory/",
        plan_trajectory,
        name="plan-trajectory",
    ),
]

"""Benchmarking pages: how one indicator's figure compares, and the note on why it differs."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tenantry.core import query
from tenantry.core.charts import format_value, position_chart
from tenantry.core.forms import GovukForm
from tenantry.core.periods import Period, financial_year, financial_year_of
from tenantry.indicators import permissions as can
from tenantry.organisations.access import OrgRequest, organisation_view

from .. import benchmarks
from ..models import Indicator, Unit

CHART_UNITS = {Unit.PERCENT: "%", Unit.DAYS: "days", Unit.POUNDS: "£",
               Unit.PER_THOUSAND: "per 1,000", Unit.SCORE: "", Unit.NUMBER: ""}  # fmt: skip
EVERY = [("", gettext_lazy("All"))]


def _indicator(request: OrgRequest, code: str) -> Indicator:
    """A national indicator, or one of this organisation's own, by its code."""
    found = (
        Indicator.objects.filter(
            Q(organisation__isnull=True) | Q(organisation=request.organisation), code=code
        )
        .order_by("organisation_id")
        .last()
    )
    if found is None:
        raise Http404
    return found


class BenchmarkFilterForm(GovukForm, forms.Form):
    year = forms.ChoiceField(label=gettext_lazy("Year"), required=False)
    stock = forms.ChoiceField(
        label=gettext_lazy("Homes"), required=False,
        choices=list(benchmarks.STOCK_TYPES.items()),
    )  # fmt: skip
    type = forms.ChoiceField(
        label=gettext_lazy("Kind of landlord"), required=False,
        choices=EVERY + [(k, label) for k, (_, label) in benchmarks.LANDLORD_TYPES.items()],
    )  # fmt: skip
    size = forms.ChoiceField(
        label=gettext_lazy("Size of landlord"), required=False,
        choices=EVERY + [(k, label) for k, (_, label) in benchmarks.SIZE_BANDS.items()],
    )  # fmt: skip
    region = forms.ChoiceField(
        label=gettext_lazy("Region"), required=False,
        choices=EVERY + list(benchmarks.REGIONS.items()),
    )  # fmt: skip

    def __init__(self, *args, years: list[str], split: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, y) for y in years]
        if not split:
            del self.fields["stock"]


def _year(form: BenchmarkFilterForm, years: list[str]) -> Period:
    chosen = form.cleaned_data.get("year") if form.is_valid() else ""
    if chosen:
        return financial_year(chosen)
    today = timezone.localdate()
    # The newest year that has ended: this year's figures are still building up.
    finished = [y for y in years if financial_year(y).end < today]
    if finished or years:
        return financial_year((finished or years)[0])
    return financial_year_of(today)


@organisation_view(can.can_view_benchmarks)
def benchmark(request: OrgRequest, code: str) -> HttpResponse:
    indicator = _indicator(request, code)
    organisation = request.organisation
    years = benchmarks.years_to_compare(organisation=organisation, indicator=indicator)
    form = BenchmarkFilterForm(request.GET or None, years=years,
                               split=indicator.split_by_stock)  # fmt: skip
    year = _year(form, years)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    filters = benchmarks.Filters(
        landlord_type=data.get("type", ""),
        size=data.get("size", ""),
        region=data.get("region", ""),
        stock=data.get("stock") or "lcra",
    )
    found = benchmarks.benchmark(organisation=organisation, indicator=indicator, year=year,
                                 roles=request.roles, filters=filters)  # fmt: skip
    unit = CHART_UNITS.get(indicator.unit, "")
    return render(
        request,
        "indicators/benchmark.html",
        {
            "indicator": indicator,
            "year": year,
            "form": form,
            "found": found,
            "unit": unit,
            "own_shown": format_value(found.own_value, unit),
            "groups": [_shown(group, unit, found, indicator) for group in found.groups],
            "chart": _chart(found, indicator, unit),
            "query": urlencode({"year": year.label}),
            "filtered": found.filters.narrowed,
        },
    )


def _shown(
    group: benchmarks.Group, unit: str, found: benchmarks.Benchmark, indicator: Indicator
) -> dict:
    """A group with its figures written for people, and its table best first with the
    organisation's own figure in its place."""
    q = group.quartiles
    rows = [(m.label, m.value, m.detail, False) for m in group.members]
    if found.own_value is not None:
        rows.append((found.organisation.name, found.own_value, "", True))
    rows.sort(key=lambda r: (-r[1] if indicator.higher_is_better else r[1], not r[3], r[0]))
    return {
        "group": group,
        "rows": [
            (label, format_value(value, unit), detail, mine) for label, value, detail, mine in rows
        ],  # fmt: skip
        "quartiles": [format_value(v, unit) for v in q] if q else None,
        "lowest": format_value(min(m.value for m in group.members), unit) if group.members else "",
        "highest": format_value(max(m.value for m in group.members), unit) if group.members else "",
    }


def _chart(found: benchmarks.Benchmark, indicator: Indicator, unit: str):
    national = found.national
    if national is None or national.quartiles is None:
        return None
    name = found.organisation.name
    value = found.own_value
    if value is not None and national.position:
        description = _(
            "%(name)s's figure of %(value)s is %(rank)s among %(count)s landlords (%(quarter)s)."
        ) % {
            "name": name,
            "value": format_value(value, unit),
            "rank": national.position.label,
            "count": f"{len(national.members):,}",
            "quarter": national.quartile_name.lower(),
        }
    else:
        description = _("The spread of %(count)s landlords' figures; %(name)s has none yet.") % {
            "count": f"{len(national.members):,}",
            "name": name,
        }
    return position_chart(
        title=_("%(indicator)s: %(name)s among landlords in England")
        % {"indicator": indicator.name, "name": name},
        description=description,
        values=[float(m.value) for m in national.members],
        highlight_value=float(value) if value is not None else None,
        highlight_label=name,
        value_title=indicator.name,
        unit=unit,
        quartiles=tuple(float(q) for q in national.quartiles) if national.quartiles else None,
    )


class BenchmarkNoteForm(GovukForm, forms.Form):
    text = forms.CharField(
        label=gettext_lazy("Why are they different?"),
        help_text=gettext_lazy(
            "For example: “our homes are older than most”, or “we count a gas visit where we "
            "could not get in as a fail”. Residents and the landlord can read this note. Leave "
            "it empty to remove the note."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=2000,
        required=False,
    )


@organisation_view(can.can_write_benchmark_note)
def edit_benchmark_note(request: OrgRequest, code: str) -> HttpResponse:
    indicator = _indicator(request, code)
    today = timezone.localdate()
    year = query.year(request.GET, today=today) or financial_year_of(today)
    back = reverse("indicators:benchmark", args=[request.organisation.slug, indicator.code])
    back += "?" + urlencode({"year": year.label})
    note = benchmarks.note_for(organisation=request.organisation, indicator=indicator, year=year)
    if request.method == "POST":
        form = BenchmarkNoteForm(request.POST)
        if form.is_valid():
            try:
                note = benchmarks.save_benchmark_note(
                    organisation=request.organisation,
                    indicator=indicator,
                    year=year,
                    text=form.cleaned_data["text"],
                    by=request.user,
                )
            except ValidationError as error:
                form.add_error("text", error)
            else:
                messages.success(request, _("Note saved.") if note else _("The note was removed."))
                return redirect(back)
    else:
        form = BenchmarkNoteForm(initial={"text": note.text if note else ""})
    return render(
        request,
        "indicators/benchmark_note.html",
        {"indicator": indicator, "year": year, "form": form, "back": back, "note": note},
    )


urlpatterns = [
    path("performance/<str:code>/benchmark/", benchmark, name="benchmark"),
    path("performance/<str:code>/benchmark/note/", edit_benchmark_note,
         name="edit-benchmark-note"),
]  # fmt: skip

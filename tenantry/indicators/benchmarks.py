"""Benchmarking: one organisation's figure for one indicator and year beside its comparators.

Four comparison groups, each with its count, quartiles and the organisation's position:

1. the landlord's own stock: its whole stock and the homes it manages directly;
2. the other organisations the same landlord works with;
3. organisations of the same kind and size on the platform, whoever their landlord (only their
   published figures, never anything about their residents; another landlord's organisation
   is not named: "A tenant management organisation of 250–499 homes in London");
4. the regulator's published figures for landlords of 1,000 homes or more, filtered by landlord
   type, size band and region.

Residents see the fourth group only (figures the regulator publishes anyway); the first three
are for those who run, scrutinise or monitor the organisation. docs/indicators.md
("Benchmarking") explains the choices and the caveats shown beside each group.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from typing import NamedTuple

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from tenantry.core.models import User
from tenantry.core.periods import Period, financial_year
from tenantry.homes.models import Coverage, Home
from tenantry.homes.stock import stored_homes
from tenantry.indicators import permissions as can
from tenantry.organisations.models import Organisation, Region
from tenantry.organisations.permissions import require
from tenantry.organisations.selectors import organisations_working_with

from .models import BenchmarkNote, Indicator, PeerLandlord, PeerValue, Result, Scope, Unit
from .peers import (
    MARKERS,
    Position,
    Spread,
    is_comparable,
    is_zero_without_denominator,
    position,
    spread,
)
from .selectors import own_scope

# The regulator's landlord types: housing associations are "PRP"; councils "LARP" in the
# 2023/24 workbook and "LA" in the 2024/25 one.
LANDLORD_TYPES = {
    "prp": (("PRP",), gettext_lazy("Housing associations")),
    "la": (("LA", "LARP"), gettext_lazy("Councils")),
}
# The regulator's size bands (homes owned, low-cost rental and home ownership together), as
# spelt in each year's workbook.
SIZE_BANDS = {
    "under_5000": (("<5,000",), gettext_lazy("Fewer than 5,000 homes")),
    "5000_40000": (("5,000-40,000",), gettext_lazy("5,000 to 40,000 homes")),
    "over_40000": ((">40,000", ">40000"), gettext_lazy("More than 40,000 homes")),
}
# The regulator's "predominant region" is coarser than England's nine regions.
REGIONS = {
    "London": gettext_lazy("London"),
    "South": gettext_lazy("South (South East, South West and East of England)"),
    "Midlands": gettext_lazy("Midlands"),
    "North": gettext_lazy("North (North East, North West, Yorkshire and the Humber)"),
    "Mixed": gettext_lazy("Homes in several regions"),
}
REGION_OF = {
    Region.LONDON: "London",
    Region.SOUTH_EAST: "South",
    Region.SOUTH_WEST: "South",
    Region.EAST: "South",
    Region.EAST_MIDLANDS: "Midlands",
    Region.WEST_MIDLANDS: "Midlands",
    Region.NORTH_EAST: "North",
    Region.NORTH_WEST: "North",
    Region.YORKSHIRE: "North",
}
STOCK_TYPES = {
    "lcra": gettext_lazy("Low-cost rental homes"),
    "lcho": gettext_lazy("Shared ownership (low-cost home ownership)"),
}
# Size bands for organisations on the platform, in homes managed at the year's end.
PLATFORM_BANDS = [(1, 99), (100, 249), (250, 499), (500, 999), (1000, 2499), (2500, 4999),
                  (5000, None)]  # fmt: skip
QUARTILE_NAMES = {
    1: gettext_lazy("Top quarter"),
    2: gettext_lazy("Second quarter"),
    3: gettext_lazy("Third quarter"),
    4: gettext_lazy("Bottom quarter"),
}
MARKER_WORDS = {
    "[X]": gettext_lazy("left it blank"),
    "[Z]": gettext_lazy("were not required to answer"),
    "[U]": gettext_lazy("had nothing to count it over (no homes or cases of that kind)"),
    "[E]": gettext_lazy("had their figure excluded by the regulator"),
    "[S]": gettext_lazy("had their figure suppressed by the regulator"),
}
ZERO_WITHOUT_DENOMINATOR = "0/0"


@dataclass(frozen=True)
class Filters:
    """Which of the regulator's landlords to compare with, and which stock type."""

    landlord_type: str = ""  # a key of LANDLORD_TYPES, or "" for all
    size: str = ""  # a key of SIZE_BANDS
    region: str = ""  # a key of REGIONS
    stock: str = "lcra"  # for measures reported per stock type

    @property
    def narrowed(self) -> bool:
        return bool(self.landlord_type or self.size or self.region)

    def describe(self) -> str:
        parts = []
        if self.landlord_type:
            parts.append(str(LANDLORD_TYPES[self.landlord_type][1]))
        if self.size:
            parts.append(str(SIZE_BANDS[self.size][1]).lower())
        if self.region:
            parts.append(str(REGIONS[self.region]))
        return ", ".join(parts) if parts else _("all landlords in England")


@dataclass
class Member:
    """One comparator's figure, as the viewer may see it."""

    label: str
    value: Decimal
    named: bool = True
    detail: str = ""  # type, size and region of a regulator's landlord


@dataclass
class Group:
    key: str  # "landlord", "partners", "platform", "national"
    title: str
    description: str
    members: list[Member]
    caveats: list[str] = field(default_factory=list)
    quartiles: tuple[Decimal, Decimal, Decimal] | None = None
    position: Position | None = None
    missing: list[tuple[str, int]] = field(default_factory=list)  # (why, how many)
    note: str = ""

    @property
    def count(self) -> int:
        return len(self.members)

    @property
    def quartile_name(self) -> str:
        if self.position and self.position.quartile and self.quartiles:
            return str(QUARTILE_NAMES[self.position.quartile])
        return ""


@dataclass
class Benchmark:
    organisation: Organisation
    indicator: Indicator
    year: Period
    stock_type: str  # of the organisation's figure: "", "lcra" or "lcho"
    own: Result | None
    groups: list[Group]
    filters: Filters
    peer_year: str | None  # the regulator's year compared with, None when none is loaded
    note: BenchmarkNote | None
    caveats: list[str]

    @property
    def own_value(self) -> Decimal | None:
        return self.own.value if self.own else None

    @property
    def national(self) -> Group | None:
        return next((g for g in self.groups if g.key == "national"), None)


# --- the regulator's landlords ------------------------------------------------------------------


def peer_years() -> list[str]:
    """The years of the regulator's data loaded, newest first."""
    years = PeerLandlord.objects.values_list("year_label", flat=True).distinct()
    return sorted(set(years), reverse=True)


def peer_year_for(year: Period, years: list[str] | None = None) -> str | None:
    """The regulator's year to compare a year with: the same one if loaded, else the latest
    loaded before it (the regulator publishes each year's figures the following autumn)."""
    years = peer_years() if years is None else years
    if year.label in years:
        return year.label
    earlier = [y for y in years if y < year.label]
    return max(earlier) if earlier else None


def _filtered(values: QuerySet, filters: Filters) -> QuerySet:
    if filters.landlord_type:
        values = values.filter(landlord__landlord_type__in=LANDLORD_TYPES[filters.landlord_type][0])
    if filters.size:
        values = values.filter(landlord__size_band__in=SIZE_BANDS[filters.size][0])
    if filters.region:
        values = values.filter(landlord__region=filters.region)
    return values


def peer_values(*, code: str, year_label: str, stock_type: str, filters: Filters) -> QuerySet:
    """The regulator's published values of one measure, landlords filtered; markers included."""
    values = PeerValue.objects.filter(
        code=code, stock_type=stock_type, landlord__year_label=year_label
    ).select_related("landlord")
    return _filtered(values, filters)


def peer_stock_type(indicator: Indicator, filters: Filters) -> str:
    """The regulator splits perception and complaints measures by stock type, not the rest."""
    return filters.stock if indicator.split_by_stock else ""


class _Published(NamedTuple):
    code: str
    value: Decimal | None
    denominator: Decimal | None


def peer_spreads(
    *,
    code: str,
    year_labels: Iterable[str],
    stock_type: str,
    higher_is_better: bool,
    filters: Filters | None = None,
) -> dict[str, Spread | None]:
    """The spread of the regulator's landlords' figures for one measure in each year asked
    for, with the comparison's exclusions (markers, a 0 with nothing behind it) and None with
    too few figures. One query, however many years."""
    labels = list(year_labels)
    rows = _filtered(
        PeerValue.objects.filter(code=code, stock_type=stock_type, landlord__year_label__in=labels),
        filters or Filters(),
    ).values_list("landlord__year_label", "code", "value", "denominator")
    figures: dict[str, list[Decimal]] = defaultdict(list)
    for year_label, *published in rows:
        value = _Published(*published)
        if is_comparable(value):
            figures[year_label].append(value.value)
    return {label: spread(figures[label], higher_is_better=higher_is_better) for label in labels}


def peer_quartiles(
    *,
    code: str,
    year_label: str,
    stock_type: str = "lcra",
    landlord_type: str = "",
    size: str = "",
    region: str = "",
) -> tuple[Decimal, Decimal, Decimal] | None:
    """The regulator's landlords' quartiles for one measure and year (None with too few)."""
    filters = Filters(landlord_type, size, region, stock_type or "lcra")
    found = peer_spreads(
        code=code, year_labels=[year_label], stock_type=stock_type, higher_is_better=True,
        filters=filters,
    )[year_label]  # fmt: skip
    return found.quartiles if found else None


def _national(indicator: Indicator, own: Decimal | None, peer_year: str | None, year: Period,
              filters: Filters) -> Group | None:  # fmt: skip
    if peer_year is None:
        return None
    stock_type = peer_stock_type(indicator, filters)
    everything = list(
        peer_values(code=indicator.code, year_label=peer_year, stock_type=stock_type,
                    filters=filters).order_by("landlord__name")
    )  # fmt: skip
    if not everything and not PeerValue.objects.filter(code=indicator.code).exists():
        return None  # not a measure the regulator publishes
    members, missing = [], Counter()
    for value in everything:
        if is_comparable(value):
            landlord = value.landlord
            members.append(
                Member(landlord.name, value.value,
                       detail=" · ".join(p for p in (landlord.landlord_type, landlord.size_band,
                                                     landlord.region) if p))
            )  # fmt: skip
        elif is_zero_without_denominator(value):
            missing[ZERO_WITHOUT_DENOMINATOR] += 1
        else:
            missing[value.marker or "[X]"] += 1
    why = {**{m: str(MARKER_WORDS[m]) for m in MARKERS},
           ZERO_WITHOUT_DENOMINATOR: _("published 0 with no homes or cases behind it")}  # fmt: skip
    note = ""
    if peer_year != year.label:
        note = _(
            "The regulator has not published %(year)s figures yet: these are the landlords' "
            "%(peer_year)s figures, the latest there are."
        ) % {"year": year.label, "peer_year": peer_year}
    group = Group(
        key="national",
        title=_("Landlords in England (%(year)s)") % {"year": peer_year},
        description=_(
            "Figures the Regulator of Social Housing published for every landlord with 1,000 "
            "homes or more: %(which)s."
        )
        % {"which": filters.describe()},
        members=members,
        missing=[(why.get(m, m), n) for m, n in sorted(missing.items())],
        note=note,
    )
    return _place(group, own, indicator)


# --- organisations on the platform --------------------------------------------------------------


def _results(indicator: Indicator, year: Period, stock_type: str, **filters) -> QuerySet:
    return Result.objects.filter(
        indicator=indicator,
        period_start=year.start,
        period_end=year.end,
        stock_type=stock_type,
        value__isnull=False,
        **filters,
    ).select_related("organisation")


def own_result(
    *, organisation: Organisation, indicator: Indicator, year: Period, stock_type: str = ""
) -> Result | None:
    """The organisation's headline figure for the year: of that stock type when the measure is
    split, falling back to all its homes together. A result with nothing to measure (no
    complaints, so no share answered in time) is returned only when there is no figure."""
    results = {
        r.stock_type: r
        for r in Result.objects.filter(
            indicator=indicator,
            organisation=organisation,
            scope=own_scope(organisation),
            estate__isnull=True,
            stock_type__in={stock_type, ""},
            period_start=year.start,
            period_end=year.end,
        ).select_related("indicator")
    }
    ordered = [results[s] for s in dict.fromkeys([stock_type, ""]) if s in results]
    with_figure = [r for r in ordered if r.value is not None]
    return (with_figure or ordered or [None])[0]


def homes_managed(organisations: list[Organisation], day: date) -> dict[int, int]:
    """Homes each organisation manages on a day: a landlord's own homes, another
    organisation's homes covered by its agreements. A few queries, however many organisations.

    A landlord's are its stored stock counts (`homes.stock`, counted again after any change to
    its homes and each day): counting a 125,000-home landlord's homes took 50-70 ms, twice on
    a benchmark page, to find its size band."""
    landlords = [o.pk for o in organisations if o.is_landlord]
    others = [o.pk for o in organisations if not o.is_landlord]
    counts: dict[int, int] = stored_homes(landlords) if landlords else {}
    if uncounted := [pk for pk in landlords if pk not in counts]:
        counts |= dict(
            Home.objects.filter(landlord__in=uncounted)
            .values_list("landlord")
            .annotate(n=Count("pk"))
            .values_list("landlord", "n")
        )
    if others:
        counts |= dict(
            Coverage.objects.in_force(day)
            .filter(agreement__organisation__in=others)
            .values_list("agreement__organisation")
            .annotate(n=Count("home", distinct=True))
            .values_list("agreement__organisation", "n")
        )
    return counts


def platform_band(homes: int) -> tuple[int, int | None] | None:
    for low, high in PLATFORM_BANDS:
        if homes >= low and (high is None or homes <= high):
            return low, high
    return None


def band_label(band: tuple[int, int | None]) -> str:
    low, high = band
    if high is None:
        return _("%(low)s or more homes") % {"low": f"{low:,}"}
    return _("%(low)s–%(high)s homes") % {"low": f"{low:,}", "high": f"{high:,}"}


def anonymous_label(organisation: Organisation, homes: int) -> str:
    """How another landlord's organisation is shown: its kind, size band and region only."""
    band = platform_band(homes)
    size = band_label(band) if band else _("no homes")
    kind = organisation.get_kind_display()
    if organisation.region:
        return _("A %(kind)s of %(size)s in %(region)s") % {
            "kind": kind.lower(), "size": size, "region": organisation.get_region_display()
        }  # fmt: skip
    return _("A %(kind)s of %(size)s") % {"kind": kind.lower(), "size": size}


def _landlord_group(organisation, indicator, year, stock_type, own) -> Group | None:
    landlord = organisation if organisation.is_landlord else organisation.landlord
    if landlord is None:
        return None
    scopes = [Scope.LANDLORD_DIRECT] if organisation.is_landlord else [
        Scope.LANDLORD_ALL, Scope.LANDLORD_DIRECT]  # fmt: skip
    labels = {
        Scope.LANDLORD_ALL: _("%(landlord)s, all its homes") % {"landlord": landlord.name},
        Scope.LANDLORD_DIRECT: _("%(landlord)s, the homes it manages itself")
        % {"landlord": landlord.name},
    }
    results = {
        r.scope: r
        for r in _results(indicator, year, stock_type, organisation=landlord, scope__in=scopes,
                          estate__isnull=True)
    }  # fmt: skip
    members = [Member(labels[s], results[s].value) for s in scopes if s in results]
    group = Group(
        key="landlord",
        title=_("%(landlord)s's own homes") % {"landlord": landlord.name},
        description=_(
            "The landlord's figure for all its homes, and for the homes it manages itself "
            "rather than through an organisation like this one."
        )
        if not organisation.is_landlord
        else _("Your figure for all your homes, beside the homes you manage yourselves."),
        members=members,
    )
    return _place(group, own, indicator)


def _partners_group(organisation, indicator, year, stock_type, own) -> Group | None:
    landlord = organisation if organisation.is_landlord else organisation.landlord
    if landlord is None:
        return None
    partners = organisations_working_with(landlord=landlord).exclude(pk=organisation.pk)
    results = _results(indicator, year, stock_type, organisation__in=partners,
                       scope=Scope.ORGANISATION).order_by("organisation__name")  # fmt: skip
    group = Group(
        key="partners",
        title=_("Other organisations %(landlord)s works with") % {"landlord": landlord.name}
        if not organisation.is_landlord
        else _("The organisations you work with"),
        description=_("Their figures for the same year, worked out the same way."),
        members=[Member(r.organisation.name, r.value) for r in results],
    )
    return _place(group, own, indicator)


def _platform_group(organisation, indicator, year, stock_type, own) -> Group | None:
    homes = homes_managed([organisation], year.end).get(organisation.pk, 0)
    band = platform_band(homes)
    if band is None:
        return None
    low, high = band
    scope = own_scope(organisation)
    # Alike in kind: organisations that manage homes for their tenants (TMOs, co-operatives,
    # estate management boards...) with each other; landlords with landlords.
    kinds = Organisation.LANDLORD_KINDS if organisation.is_landlord else Organisation.MANAGING_KINDS
    results = list(
        _results(indicator, year, stock_type, scope=scope, estate__isnull=True,
                 organisation__kind__in=kinds)
        .exclude(organisation=organisation)
        .order_by("value")
    )  # fmt: skip
    sizes = homes_managed([r.organisation for r in results], year.end)
    landlord = organisation if organisation.is_landlord else organisation.landlord
    members = []
    for result in results:
        other = result.organisation
        size = sizes.get(other.pk, 0)
        if size < low or (high is not None and size > high):
            continue
        same_landlord = other.landlord_id == getattr(landlord, "pk", None)
        members.append(
            Member(other.name if same_landlord else anonymous_label(other, size), result.value,
                   named=same_landlord)
        )  # fmt: skip
    group = Group(
        key="platform",
        title=_("Organisations like yours"),
        description=(
            _(
                "Every landlord on Tenantry with %(size)s at the year's end. Only their figures "
                "are shared, and they are not named."
            )
            if organisation.is_landlord
            else _(
                "Every organisation on Tenantry that manages homes for its tenants (tenant "
                "management organisations, co-operatives, estate management boards and the "
                "like) with %(size)s at the year's end, whoever its landlord. Only their figures "
                "are shared; those of other landlords are not named."
            )
        )
        % {"size": band_label(band)},
        members=members,
    )
    return _place(group, own, indicator)


def _place(group: Group, own: Decimal | None, indicator: Indicator) -> Group:
    figures = [m.value for m in group.members]
    found = spread(figures, higher_is_better=indicator.higher_is_better)
    group.quartiles = found.quartiles if found else None
    if own is not None and figures:
        group.position = position(own, figures, higher_is_better=indicator.higher_is_better)
    return group


# --- caveats ------------------------------------------------------------------------------------


def caveats_for(organisation: Organisation, indicator: Indicator, homes: int) -> list[str]:
    """Plain words on why a comparison may mislead, for this measure and organisation."""
    notes = []
    if not organisation.is_landlord:
        notes.append(
            _(
                "The regulator's figures are for whole landlords of 1,000 homes or more, across "
                "many neighbourhoods; %(name)s's figures are for the homes it manages. Compare "
                "them as a guide, not a league table."
            )
            % {"name": organisation.name}
        )
    if indicator.unit == Unit.PER_THOUSAND and homes:
        notes.append(
            _(
                "With %(homes)s homes, each case changes this figure by %(step)s per 1,000 "
                "homes, so a few cases either way move it a long way from year to year."
            )
            % {"homes": f"{homes:,}", "step": f"{Decimal(1000) / homes:.1f}"}
        )
    if indicator.code.startswith("TP"):
        notes.append(
            _(
                "Satisfaction comes from surveys, and every survey has a margin of error: the "
                "smaller the survey, the larger it is. A difference of a few points may be "
                "chance."
            )
        )
    if indicator.code.startswith("RP02"):
        notes.append(
            _(
                "Each landlord sets its own target times for repairs, so “on time” does not "
                "mean the same everywhere."
            )
        )
    if indicator.code in ("CH02-1N", "CH02-2N"):
        notes.append(
            _(
                "The regulator publishes the count of complaints answered without the Code's "
                "extension; the share shown for each landlord is worked out here from that "
                "count and its total, only where the landlord published both."
            )
        )
    if indicator.code.startswith("BS") or indicator.code == "RP01":
        notes.append(
            _(
                "Landlords judge these checks from their own records; how they count a home "
                "they could not get into differs."
            )
        )
    return notes


# --- the whole comparison -----------------------------------------------------------------------


def benchmark(
    *,
    organisation: Organisation,
    indicator: Indicator,
    year: Period,
    roles,
    filters: Filters | None = None,
) -> Benchmark:
    """Every comparison group the viewer may see, for one indicator and financial year."""
    filters = filters or Filters()
    stock_type = filters.stock if indicator.split_by_stock else ""
    own = own_result(organisation=organisation, indicator=indicator, year=year,
                     stock_type=stock_type)  # fmt: skip
    own_value = own.value if own else None
    # Compare like with like: an "all homes" figure, when that is all there is, with the
    # others' "all homes" figures.
    compared_stock = own.stock_type if own else stock_type
    groups: list[Group | None] = []
    if can.can_compare_with_platform(roles):
        groups += [
            _landlord_group(organisation, indicator, year, compared_stock, own_value),
            _partners_group(organisation, indicator, year, compared_stock, own_value),
            _platform_group(organisation, indicator, year, compared_stock, own_value),
        ]
    peer_year = peer_year_for(year)
    groups.append(_national(indicator, own_value, peer_year, year, filters))
    homes = homes_managed([organisation], year.end).get(organisation.pk, 0)
    note = note_for(organisation=organisation, indicator=indicator, year=year)
    return Benchmark(
        organisation=organisation,
        indicator=indicator,
        year=year,
        stock_type=own.stock_type if own else stock_type,
        own=own,
        groups=[g for g in groups if g is not None],
        filters=filters,
        peer_year=peer_year,
        note=note,
        caveats=caveats_for(organisation, indicator, homes),
    )


def note_for(*, organisation: Organisation, indicator: Indicator, year: Period):
    """The organisation's note on why its figure differs, for one indicator and year."""
    return (
        BenchmarkNote.objects.filter(
            organisation=organisation, indicator=indicator, year_start=year.start
        )
        .select_related("written_by")
        .first()
    )


def years_to_compare(*, organisation: Organisation, indicator: Indicator) -> list[str]:
    """Financial years with a figure of the organisation's or the regulator's, newest first."""
    starts = Result.objects.filter(
        indicator=indicator, organisation=organisation, period_kind="year"
    ).values_list("period_start", flat=True)
    labels = {financial_year(start).label for start in starts}
    if PeerValue.objects.filter(code=indicator.code).exists():
        labels |= set(peer_years())
    return sorted(labels, reverse=True)


# --- writes -------------------------------------------------------------------------------------


@transaction.atomic
def save_benchmark_note(
    *, organisation: Organisation, indicator: Indicator, year: Period, text: str, by: User | None
) -> BenchmarkNote | None:
    """Write, change or (with no text) remove the note on why the figures differ."""
    require(can.can_write_benchmark_note, user=by, organisation=organisation)
    if indicator.organisation_id not in (None, organisation.pk):
        raise ValidationError(_("That indicator belongs to another organisation."))
    text = text.strip()
    existing = (
        BenchmarkNote.objects.select_for_update()
        .filter(organisation=organisation, indicator=indicator, year_start=year.start)
        .first()
    )
    if not text:
        if existing is not None:
            existing.delete()
        return None
    note = existing or BenchmarkNote(
        organisation=organisation, indicator=indicator, year_start=year.start
    )
    note.text, note.written_by = text, by
    note.full_clean()
    note.save()
    return note

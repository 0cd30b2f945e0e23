"""What a panel reads to choose and carry out its reviews: its landlord's and each
organisation's figures by estate (the indicators app's stored results, never worked out
again), complaints with no one in them, survey results and costs.

Complaints are counted, never listed: no name, no address, no words of a complaint reach the
panel, and no place below a block. Where a group of complaints (an estate, a block, a stock
type) is small, how many there were is shown but not what happened to them: the shared rule
in core/privacy.py, with its second step so a hidden group cannot be worked out from the total.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.utils.translation import gettext as _

from tenantry.core.periods import Period
from tenantry.core.privacy import groups_to_hide
from tenantry.homes.models import StockType
from tenantry.homes.selectors import estates_of
from tenantry.indicators.calculators import Subject
from tenantry.indicators.models import Scope
from tenantry.indicators.scopes import ScopeChoice
from tenantry.organisations.models import ManagementAgreement, Organisation
from tenantry.organisations.selectors import organisations_working_with
from tenantry.records.models import Complaint
from tenantry.reviews.models import ProgrammeEntry
from tenantry.surveys.models import Response, Survey


def landlord_side(panel: Organisation) -> list[Organisation]:
    """The panel's landlord and every organisation managing some of its homes."""
    landlord = panel.landlord
    managing = list(
        organisations_working_with(landlord=landlord).filter(kind__in=Organisation.MANAGING_KINDS)
    )
    return [landlord, *managing]


def estate_scopes(
    *, panel: Organisation, on: date, organisation: Organisation | None = None
) -> list[ScopeChoice]:
    """A figure column for each estate of each organisation managing the landlord's homes (or
    of `organisation` alone): the results the indicators app stores for that estate."""
    choices = []
    for managing in [organisation] if organisation else landlord_side(panel)[1:]:
        for estate in estates_of(organisation=managing, on=on):
            choices.append(
                ScopeChoice(
                    f"estate:{estate.pk}",
                    f"{estate.name} ({managing.name})",
                    Subject(Scope.ESTATE, managing, estate),
                )
            )
    return choices


# --- Complaints -----------------------------------------------------------------------------


@dataclass
class ComplaintRow:
    """One group of complaints: how many, and (unless the group is too small to show) how
    many went to stage 2 and how many were upheld in whole or part."""

    label: str
    received: int
    stage2: int | None
    upheld: int | None
    level: int = 0  # 0 organisation, 1 estate, 2 block: for indenting
    estate: int | None = None  # an estate's row: its pk, to ask for its blocks
    blocks_shown: bool = False  # an estate's row whose blocks follow it
    organisation: int | None = None  # an organisation's row: its pk, to ask for its estates
    estates_shown: bool = False  # an organisation's row whose estates follow it

    @property
    def hidden(self) -> bool:
        return self.stage2 is None


@dataclass
class ComplaintEvidence:
    total: int
    stage2: int
    upheld: int
    places: list[ComplaintRow] = field(default_factory=list)
    stock_types: list[ComplaintRow] = field(default_factory=list)
    categories: list[tuple[str, int]] = field(default_factory=list)


UPHELD = (Complaint.Outcome.UPHELD, Complaint.Outcome.PARTLY)


def _rows(groups: dict, labels: dict, level: int = 0) -> list[ComplaintRow]:
    """Rows for one table column of groups {key: (received, stage2, upheld)}, the small ones
    (and enough others to protect them) shown by their count alone."""
    hidden = groups_to_hide({key: counts[0] for key, counts in groups.items()})
    return [
        ComplaintRow(
            labels[key],
            received,
            None if key in hidden else stage2,
            None if key in hidden else upheld,
            level,
            estate=key if level == 1 else None,
        )
        for key, (received, stage2, upheld) in groups.items()
    ]


def _add(totals: list[int], row: dict) -> None:
    totals[0] += row["received"]
    totals[1] += row["stage2"]
    totals[2] += row["upheld"]


def complaint_evidence(
    *,
    panel: Organisation,
    year: Period,
    estates_of: int | None = None,
    blocks_of: int | None = None,
) -> ComplaintEvidence:
    """The complaints received in the year about the landlord's homes and each managing
    organisation's: counted by organisation, by estate for the organisation `estates_of` and
    by block for its estate `blocks_of` (a landlord has hundreds of estates and thousands of
    blocks: a page of them all is too long to read or to draw),
    by stock type and by what they were about. Two queries however many complaints, three
    with an organisation's estates; no
    field of a complaint but its organisation, place, stock type, category, stage and outcome
    is read."""
    organisations = {o.pk: o for o in landlord_side(panel)}
    complaints = Complaint.objects.filter(
        organisation__in=organisations, received_on__range=(year.start, year.end)
    )
    numbers = {
        "received": Count("pk"),
        "stage2": Count("pk", filter=Q(escalated_on__isnull=False)),
        "upheld": Count("pk", filter=Q(outcome__in=UPHELD)),
    }
    by_org: dict = defaultdict(lambda: [0, 0, 0])
    by_stock: dict = defaultdict(lambda: [0, 0, 0])
    # The first screen counts by organisation and stock type alone; estates and blocks only
    # for the organisation asked about (grouping a large landlord's year by block took 90 ms).
    for row in complaints.values("organisation", "home__stock_type").annotate(**numbers).order_by():
        _add(by_org[row["organisation"]], row)
        _add(by_stock[row["home__stock_type"] or ""], row)
    by_estate: dict = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    by_block: dict = defaultdict(lambda: defaultdict(lambda: [0, 0, 0]))
    estate_names, block_names = {}, {}
    places_asked = (
        complaints.filter(organisation=estates_of)
        .values("home__estate", "home__estate__name", "home__block", "home__block__name")
        .annotate(**numbers)
        .order_by()
        if estates_of in organisations
        else []
    )
    for row in places_asked:
        estate, block = row["home__estate"], row["home__block"]
        estate_names[estate] = row["home__estate__name"] or _("Not linked to a home")
        block_names[(estate, block)] = row["home__block__name"] or _("Not in a block")
        _add(by_estate[estates_of][estate], row)
        _add(by_block[(estates_of, estate)][block], row)
    places: list[ComplaintRow] = []
    # Each organisation's figures are shown whole (an organisation is not a small group);
    # within the one asked for, estates are one column with a total, and an estate's blocks
    # another.
    for org_pk in sorted(by_org, key=lambda pk: organisations[pk].name):
        received, stage2, upheld = by_org[org_pk]
        shown = org_pk == estates_of
        places.append(
            ComplaintRow(
                organisations[org_pk].name, received, stage2, upheld,
                organisation=org_pk, estates_shown=shown,
            )
        )  # fmt: skip
        if not shown:
            continue
        estates = dict(sorted(by_estate[org_pk].items(), key=lambda kv: str(estate_names[kv[0]])))
        for estate, estate_row in zip(estates, _rows(estates, estate_names, 1), strict=True):
            places.append(estate_row)
            blocks = by_block[(org_pk, estate)]
            if estate is None or estate != blocks_of or list(blocks) == [None]:
                continue  # blocks only when asked; an estate without blocks says it all
            estate_row.blocks_shown = True
            labels = {key: block_names[(estate, key)] for key in blocks}
            rows = _rows(dict(sorted(blocks.items(), key=lambda kv: str(labels[kv[0]]))), labels, 2)
            if estate_row.hidden:
                # Blocks cannot say what their estate's row hides.
                rows = [ComplaintRow(r.label, r.received, None, None, 2) for r in rows]
            places.extend(rows)
    stock_labels = {
        key: str(StockType(key).label) if key else _("Not linked to a home") for key in by_stock
    }
    categories = Counter(
        dict(complaints.values_list("category").annotate(n=Count("pk")).order_by())
    )
    return ComplaintEvidence(
        total=sum(v[0] for v in by_org.values()),
        stage2=sum(v[1] for v in by_org.values()),
        upheld=sum(v[2] for v in by_org.values()),
        places=places,
        stock_types=_rows(dict(sorted(by_stock.items())), stock_labels),
        categories=[
            (str(Complaint.Category(key).label), n)
            for key, n in categories.most_common()
            if key in Complaint.Category.values
        ],
    )


# --- Surveys ------------------------------------------------------------------------------------


def surveys_for(panel: Organisation) -> QuerySet[Survey]:
    """The closed surveys of the landlord and its organisations, newest first, each with how
    many answered (one query)."""
    responses = (
        Response.objects.filter(survey=OuterRef("pk"))
        .order_by()
        .values("survey")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return (
        Survey.objects.filter(organisation__in=landlord_side(panel), status=Survey.Status.CLOSED)
        .select_related("organisation")
        .annotate(response_count=Coalesce(Subquery(responses), 0))
        .order_by("-closes_on", "-pk")
    )


# --- Costs --------------------------------------------------------------------------------------


def costs_for(panel: Organisation, *, on: date) -> dict:
    """What the services cost: each managing organisation's management allowance under the
    agreements in force, and the yearly cost of each service its review programme records."""
    organisations = landlord_side(panel)[1:]
    agreements = list(
        ManagementAgreement.objects.in_force(on)
        .filter(organisation__in=organisations, landlord=panel.landlord)
        .select_related("organisation")
        .order_by("organisation__name", "starts_on")
    )
    services = list(
        ProgrammeEntry.objects.filter(
            programme__organisation__in=organisations, annual_cost__isnull=False
        )
        .select_related("programme__organisation")
        .order_by("programme__organisation__name", "year", "service")
    )
    return {
        "agreements": agreements,
        "allowances": sum(a.management_allowance for a in agreements),
        "services": services,
    }

"""What each role's home page reads. Every query here is fixed in number, whatever the size."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from tenantry.core.dated import in_force_q
from tenantry.homes.models import Estate
from tenantry.homes.stock import StockCounts, stock_counts
from tenantry.organisations.models import ManagementAgreement, Organisation, RoleAssignment
from tenantry.organisations.selectors import current_agreement, organisations_working_with


def _live(prefix: str, on: date) -> Q:
    return in_force_q(on, prefix=prefix)


def portfolio(*, landlord: Organisation, on: date) -> QuerySet[Organisation]:
    """The organisations a landlord works with, each with its current agreement."""
    agreement = ManagementAgreement.objects.filter(
        _live("", on), organisation=OuterRef("pk"), landlord=landlord
    ).order_by("-starts_on")
    return organisations_working_with(landlord=landlord).annotate(
        agreement_id=Subquery(agreement.values("pk")[:1]),
    )


@dataclass
class PortfolioRow:
    organisation: Organisation
    agreement: ManagementAgreement | None
    homes: int  # homes it manages under an agreement, from the landlord's stored counts


def portfolio_rows(*, landlord: Organisation, on: date, counts: StockCounts) -> list[PortfolioRow]:
    organisations = list(portfolio(landlord=landlord, on=on))
    agreements = ManagementAgreement.objects.in_bulk(
        [o.agreement_id for o in organisations if o.agreement_id]
    )
    return [
        PortfolioRow(o, agreements.get(o.agreement_id), counts.managed.get(o.pk, 0))
        for o in organisations
    ]


def counted_note(counts: StockCounts) -> str:
    """How current stored counts are ("Counts as at 14:32"); nothing when counted for this
    page."""
    if counts.live:
        return ""
    moment = timezone.localtime(counts.counted_at)
    if moment.date() == timezone.localdate():
        when = date_format(moment, "H:i")
    else:
        when = date_format(moment, "j F Y, H:i")
    if counts.updating:
        return _("Counts as at %(when)s, being brought up to date") % {"when": when}
    return _("Counts as at %(when)s") % {"when": when}


def landlord_overview(*, landlord: Organisation, on: date) -> dict:
    counts = stock_counts(organisation=landlord)
    rows = portfolio_rows(landlord=landlord, on=on, counts=counts)
    return {
        # Those managing homes under an agreement, then panels, associations and the like.
        "managing": [row for row in rows if row.agreement or row.homes],
        "others": [row for row in rows if not (row.agreement or row.homes)],
        "counted": counted_note(counts),
        "all_stock": counts.stock,
        "direct_stock": counts.direct,
        "delegated_homes": counts.delegated,
    }


def organisation_overview(*, organisation: Organisation, on: date) -> dict:
    counts = stock_counts(organisation=organisation)
    by_estate = counts.stock.by_estate
    estates = list(Estate.objects.filter(pk__in=by_estate).order_by("name"))
    for estate in estates:
        estate.home_count = by_estate[estate.pk]
    return {
        "agreement": current_agreement(organisation=organisation, on=on),
        "counted": counted_note(counts),
        "stock": counts.stock,
        "estates": estates,
    }


def partner_overview(*, organisation: Organisation) -> dict:
    """A panel or association manages no homes: it works across its landlord's stock. A network
    works with many landlords and has no stock to show."""
    landlord = organisation.landlord
    counts = stock_counts(organisation=landlord) if landlord else None
    return {
        "counted": counted_note(counts) if counts else "",
        "landlord_stock": counts.stock if counts else None,
        "people": RoleAssignment.objects.filter(organisation=organisation)
        .order_by()
        .values("role")
        .annotate(n=Count("pk"))
        .order_by("role"),
    }

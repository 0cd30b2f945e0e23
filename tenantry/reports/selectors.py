"""What each role's home page reads. Every query here is fixed in number, whatever the size."""

from dataclasses import dataclass
from datetime import date

from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce

from tenantry.core.dated import in_force_q
from tenantry.homes.models import Coverage, Home, StockType
from tenantry.homes.selectors import directly_managed_homes, estates_of, homes_of
from tenantry.organisations.models import ManagementAgreement, Organisation, RoleAssignment
from tenantry.organisations.selectors import current_agreement, organisations_working_with


def _live(prefix: str, on: date) -> Q:
    return in_force_q(on, prefix=prefix)


def portfolio(*, landlord: Organisation, on: date) -> QuerySet[Organisation]:
    """The organisations a landlord works with, each with its current agreement and homes."""
    homes_managed = (
        Coverage.objects.filter(_live("", on), agreement__organisation=OuterRef("pk"))
        .values("agreement__organisation")
        .annotate(n=Count("home", distinct=True))
        .values("n")
    )
    agreement = ManagementAgreement.objects.filter(
        _live("", on), organisation=OuterRef("pk"), landlord=landlord
    ).order_by("-starts_on")
    return organisations_working_with(landlord=landlord).annotate(
        homes_managed=Coalesce(Subquery(homes_managed, output_field=IntegerField()), 0),
        agreement_id=Subquery(agreement.values("pk")[:1]),
    )


@dataclass
class PortfolioRow:
    organisation: Organisation
    agreement: ManagementAgreement | None


def portfolio_rows(*, landlord: Organisation, on: date) -> list[PortfolioRow]:
    organisations = list(portfolio(landlord=landlord, on=on))
    agreements = ManagementAgreement.objects.in_bulk(
        [o.agreement_id for o in organisations if o.agreement_id]
    )
    return [PortfolioRow(o, agreements.get(o.agreement_id)) for o in organisations]


@dataclass
class StockSummary:
    homes: int
    estates: int
    by_stock_type: dict[str, int]

    @property
    def low_cost_rental(self) -> int:
        return self.by_stock_type.get(StockType.LOW_COST_RENTAL, 0)

    @property
    def ownership_and_other(self) -> int:
        return self.homes - self.low_cost_rental


def stock_summary(*, homes: QuerySet[Home]) -> StockSummary:
    rows = homes.order_by().values("stock_type").annotate(n=Count("pk"))
    by_type = {row["stock_type"]: row["n"] for row in rows}
    estates = homes.order_by().values("estate").distinct().count()
    return StockSummary(homes=sum(by_type.values()), estates=estates, by_stock_type=by_type)


def landlord_overview(*, landlord: Organisation, on: date) -> dict:
    all_stock = stock_summary(homes=homes_of(organisation=landlord))
    direct_stock = stock_summary(homes=directly_managed_homes(landlord=landlord, on=on))
    rows = portfolio_rows(landlord=landlord, on=on)
    return {
        # Those managing homes under an agreement, then panels, associations and the like.
        "managing": [row for row in rows if row.agreement or row.organisation.homes_managed],
        "others": [row for row in rows if not (row.agreement or row.organisation.homes_managed)],
        "all_stock": all_stock,
        "direct_stock": direct_stock,
        "delegated_homes": all_stock.homes - direct_stock.homes,
    }


def organisation_overview(*, organisation: Organisation, on: date) -> dict:
    return {
        "agreement": current_agreement(organisation=organisation, on=on),
        "stock": stock_summary(homes=homes_of(organisation=organisation, on=on)),
        "estates": estates_of(organisation=organisation, on=on),
    }


def partner_overview(*, organisation: Organisation) -> dict:
    """A panel or association manages no homes: it works across its landlord's stock."""
    landlord = organisation.landlord
    return {
        "landlord_stock": stock_summary(homes=homes_of(organisation=landlord)),
        "people": RoleAssignment.objects.filter(organisation=organisation)
        .order_by()
        .values("role")
        .annotate(n=Count("pk"))
        .order_by("role"),
    }

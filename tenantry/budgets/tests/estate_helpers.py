"""An estate budget on the cast's estate (two homes), for tests."""

from datetime import date
from decimal import Decimal

from tenantry.budgets import estate_services
from tenantry.budgets.models import Bid, EstateRules


def estate_budget(cast, **rules):
    values = {
        "per_home": Decimal("250.00"),
        "quick_bid_limit": Decimal("100.00"),
        "carry_over": True,
        "carry_over_limit": None,
        "bids_per_group_per_year": None,
    } | rules
    return estate_services.open_estate_budget(
        organisation=cast.tmo,
        estate=cast.estate,
        name="Kingsmead Estate budget",
        opened_on=date(2024, 4, 1),
        rules=EstateRules(**values),
        representatives=[cast.people["resident"]],
        by=None,
    )


def bid(budget, cost, *, group="Tenants' garden club", on=date(2025, 5, 1), by=None):
    return estate_services.submit_bid(
        bid=Bid(
            budget=budget,
            group=group,
            title=f"Planters costing {cost}",
            location="Mill Road green",
            cost=Decimal(cost),
            submitted_on=on,
        ),
        by=by,
    )

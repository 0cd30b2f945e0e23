"""Minimal valid budgets for tests; a test sets every value it asserts on."""

from datetime import date

import factory

from tenantry.budgets.models import Budget, BudgetKind
from tenantry.organisations.tests.factories import OrganisationFactory


class BudgetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Budget

    organisation = factory.SubFactory(OrganisationFactory)
    kind = BudgetKind.CASHBACK
    name = factory.Sequence(lambda n: f"Budget {n}")
    opened_on = date(2025, 4, 1)


def ledger_for_export(organisation, texts: list[str]) -> int:
    """A Cashback budget whose ledger holds money in and out, its descriptions and references
    the `texts` given (hostile text, in the export injection test)."""
    from decimal import Decimal

    from tenantry.budgets import ledger
    from tenantry.budgets.models import EntryKind

    budget = BudgetFactory(organisation=organisation, kind=BudgetKind.CASHBACK, name=texts[0])
    ledger.add_entry(
        budget=budget, on=date(2025, 4, 1), kind=EntryKind.SAVING, description=texts[0],
        amount=Decimal("100.00"), reference=texts[1][:60], by=None,
    )  # fmt: skip
    ledger.spend(
        budget=budget, on=date(2025, 5, 1), description=texts[1], amount=Decimal("40.50"),
        reference="R1", by=None,
    )  # fmt: skip
    return budget.pk

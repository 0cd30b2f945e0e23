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

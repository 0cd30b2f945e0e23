from datetime import date
from decimal import Decimal

import factory

from tenantry.core.tests.factories import UserFactory
from tenantry.organisations.models import ManagementAgreement, Organisation, RoleAssignment


class LandlordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Borough Council {n}")
    slug = factory.Sequence(lambda n: f"council-{n}")
    kind = Organisation.Kind.COUNCIL


class OrganisationFactory(factory.django.DjangoModelFactory):
    """A tenant management organisation, with its landlord."""

    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Estate TMO {n}")
    slug = factory.Sequence(lambda n: f"tmo-{n}")
    kind = Organisation.Kind.TMO
    landlord = factory.SubFactory(LandlordFactory)


class AgreementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ManagementAgreement

    organisation = factory.SubFactory(OrganisationFactory)
    landlord = factory.SelfAttribute("organisation.landlord")
    title = factory.Sequence(lambda n: f"Management agreement {n}")
    services = ["repairs", "caretaking"]
    management_allowance = Decimal("100000.00")
    starts_on = date(2020, 4, 1)


class RoleFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RoleAssignment

    user = factory.SubFactory(UserFactory)
    organisation = factory.SubFactory(OrganisationFactory)
    role = "resident"

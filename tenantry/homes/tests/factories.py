from datetime import date

import factory

from tenantry.homes.models import Block, Coverage, Estate, Home, Household, Resident
from tenantry.organisations.tests.factories import AgreementFactory, LandlordFactory


class EstateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Estate

    landlord = factory.SubFactory(LandlordFactory)
    name = factory.Sequence(lambda n: f"Estate {n}")
    reference = factory.Sequence(lambda n: f"E{n:04d}")


class BlockFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Block

    estate = factory.SubFactory(EstateFactory)
    name = factory.Sequence(lambda n: f"Block {n}")
    reference = factory.Sequence(lambda n: f"B{n:04d}")
    storeys = 4


class HomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Home

    estate = factory.SubFactory(EstateFactory)
    landlord = factory.SelfAttribute("estate.landlord")
    reference = factory.Sequence(lambda n: f"P{n:07d}")
    address = factory.Sequence(lambda n: f"{n} Mill Road")
    postcode = "NB1 2AB"
    home_type = "house"
    bedrooms = 2
    tenure = "secure"
    stock_type = "lcra"


class CoverageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Coverage

    agreement = factory.SubFactory(AgreementFactory)
    home = factory.SubFactory(
        HomeFactory, estate__landlord=factory.SelfAttribute("...agreement.landlord")
    )
    starts_on = factory.SelfAttribute("agreement.starts_on")


class HouseholdFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Household

    home = factory.SubFactory(HomeFactory)
    reference = factory.Sequence(lambda n: f"T{n:08d}")
    started_on = date(2015, 6, 1)


class ResidentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Resident

    household = factory.SubFactory(HouseholdFactory)
    name = factory.Faker("name", locale="en_GB")
    is_lead_tenant = True

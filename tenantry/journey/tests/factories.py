import factory

from tenantry.journey.models import ConditionKind, FundingProgramme, GrantCondition
from tenantry.organisations.tests.factories import OrganisationFactory


class FundingProgrammeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = FundingProgramme

    organisation = factory.SubFactory(OrganisationFactory)
    name = factory.Sequence(lambda n: f"Tenant empowerment grant {n}")
    funder = "The Ministry"
    published = True


class GrantConditionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GrantCondition

    programme = factory.SubFactory(FundingProgrammeFactory)
    position = factory.Sequence(lambda n: n + 1)
    question = factory.Sequence(lambda n: f"Question {n}?")
    kind = ConditionKind.YES_NO
    minimum = None

from datetime import date

import factory

from tenantry.homes.tests.factories import ResidentFactory

from ..models import CommitteeTerm, HowChosen, JoinedBy, Membership, MemberStatus, SeatKind


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    resident = factory.SubFactory(ResidentFactory)
    household = factory.SelfAttribute("resident.household")
    joined_by = JoinedBy.ONLINE
    applied_on = date(2025, 1, 6)
    status = MemberStatus.APPLIED


class CommitteeTermFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CommitteeTerm

    kind = SeatKind.INDEPENDENT
    how = HowChosen.APPOINTED
    name = factory.Faker("name", locale="en_GB")
    starts_on = date(2024, 9, 20)

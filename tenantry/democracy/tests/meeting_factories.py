"""Factories for meetings and the memberships they need (the members register's own factories
may replace `MemberFactory` once they exist)."""

from datetime import date, time

import factory

from tenantry.democracy.models import (
    Criticism,
    Meeting,
    MeetingKind,
    Membership,
    Minutes,
    Motion,
)
from tenantry.homes.tests.factories import HouseholdFactory, ResidentFactory


class MemberFactory(factory.django.DjangoModelFactory):
    """A member since 2020 of `organisation`, living in a household of their own."""

    class Meta:
        model = Membership

    organisation = None
    household = factory.SubFactory(HouseholdFactory)
    resident = factory.SubFactory(ResidentFactory, household=factory.SelfAttribute("..household"))
    number = factory.Sequence(lambda n: n + 1)
    status = "member"
    joined_by = "paper"
    applied_on = date(2020, 1, 10)
    joined_on = date(2020, 2, 1)


class MeetingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Meeting

    organisation = None
    kind = MeetingKind.GENERAL
    day = date(2026, 6, 25)
    starts_at = time(19, 0)
    place = "Kingsmead Community Hall"


class MotionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Motion

    meeting = factory.SubFactory(MeetingFactory)
    title = "New repairs contract"
    text = "That the committee tenders the repairs contract this year."
    kind = "ordinary"


class MinutesFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Minutes

    meeting = factory.SubFactory(MeetingFactory)
    text = "Minutes of the general meeting."


class CriticismFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Criticism

    meeting = factory.SubFactory(MeetingFactory)
    organisation = factory.SelfAttribute("meeting.organisation")
    kind = "criticism"
    text = "The stairwell lights on Mill Road have been out for a month."
    owner = "The Chair"
    due_on = date(2026, 7, 31)

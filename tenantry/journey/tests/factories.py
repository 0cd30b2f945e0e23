from datetime import timedelta

import factory
from django.utils import timezone

from tenantry.journey.models import (
    Booking,
    BookingStatus,
    ConditionKind,
    Course,
    Delivery,
    FundingProgramme,
    GrantCondition,
    Group,
    GroupMembership,
    Profile,
    Session,
    Visit,
    VisitDate,
)
from tenantry.organisations.models import Organisation
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


class NetworkFactory(factory.django.DjangoModelFactory):
    """A tenant network or federation: no landlord of its own."""

    class Meta:
        model = Organisation

    name = factory.Sequence(lambda n: f"Tenant Control Network {n}")
    slug = factory.Sequence(lambda n: f"network-{n}")
    kind = Organisation.Kind.NETWORK


class GroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Group

    network = factory.SubFactory(NetworkFactory)
    name = factory.Sequence(lambda n: f"Hollybank Tenants Group {n}")
    area = "Hollybank estate"
    homes = 180
    landlord_name = "Borough Council"
    contact_name = "Grace Obi"
    contact_email = factory.Sequence(lambda n: f"group{n}@example.org")
    consent_to_contact = True


class GroupMembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = GroupMembership

    group = factory.SubFactory(GroupFactory)
    user = factory.SubFactory("tenantry.core.tests.factories.UserFactory")


class ProfileFactory(factory.django.DjangoModelFactory):
    """A published directory page that welcomes visits."""

    class Meta:
        model = Profile

    organisation = factory.SubFactory("tenantry.organisations.tests.factories.OrganisationFactory")
    story = "We took over the repairs in 2010. Now we fix things fast."
    services = ["repairs"]
    homes = 300
    welcomes_visits = True
    published_at = factory.LazyFunction(timezone.now)


class VisitFactory(factory.django.DjangoModelFactory):
    """A group's request to visit, not answered yet."""

    class Meta:
        model = Visit

    group = factory.SubFactory(GroupFactory)
    host = factory.SubFactory("tenantry.organisations.tests.factories.OrganisationFactory")
    wants_to_learn = "How you run repairs"
    people = 4


class VisitDateFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = VisitDate

    visit = factory.SubFactory(VisitFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=30))


class CourseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Course

    organisation = factory.SubFactory(NetworkFactory)
    title = factory.Sequence(lambda n: f"Chairing meetings {n}")
    summary = "Agendas, time and votes."
    length = "One day"
    delivery = Delivery.FACE_TO_FACE
    skills = ["chairing"]


class SessionFactory(factory.django.DjangoModelFactory):
    """A session a fortnight ahead, of ten places."""

    class Meta:
        model = Session

    course = factory.SubFactory(CourseFactory)
    starts_at = factory.LazyFunction(lambda: timezone.now() + timedelta(days=14))
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + timedelta(hours=5))
    place = "Tenants' Hall"
    capacity = 10
    trainer = "Bernadette Quinn"


class BookingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Booking

    session = factory.SubFactory(SessionFactory)
    name = factory.Sequence(lambda n: f"Trainee {n}")
    email = factory.Sequence(lambda n: f"trainee{n}@example.org")
    status = BookingStatus.BOOKED


def module_with_quiz(organisation, *, pass_mark: int = 2, slug: str = "what-a-tmo-does"):
    """A published module of one page and three questions; the third has two right answers."""
    from tenantry.journey import services_training

    return services_training.create_module(
        organisation=organisation,
        slug=slug,
        title="What a TMO does",
        summary="Who owns the homes.",
        pass_mark=pass_mark,
        skills=["governance"],
        pages=[("A TMO", "Tenants run services.\n\nThe landlord owns the homes.")],
        questions=[
            ("Who owns the homes?", [("The TMO", False), ("The landlord", True)]),
            ("Who elects the committee?", [("The members", True), ("The staff", False)]),
            ("Which services?", [("Repairs", True), ("Cleaning", True), ("Owning", False)]),
        ],
        by=None,
    )

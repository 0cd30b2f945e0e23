"""Minimal valid surveys, questions, invitations and responses."""

import factory
from django.utils import timezone

from tenantry.organisations.tests.factories import OrganisationFactory
from tenantry.surveys import services
from tenantry.surveys.models import (
    Answer,
    Choice,
    Invitation,
    Question,
    Response,
    Section,
    Survey,
)


class SurveyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Survey

    organisation = factory.SubFactory(OrganisationFactory)
    title = factory.Sequence(lambda n: f"Survey {n}")


class SectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Section

    survey = factory.SubFactory(SurveyFactory)
    title = factory.Sequence(lambda n: f"Section {n}")
    order = factory.Sequence(int)


class QuestionFactory(factory.django.DjangoModelFactory):
    """A question; choice questions get their choices with `choices=[("yes", "Yes"), …]`, and
    the scales (satisfaction, agreement, yes or no) get their fixed ones."""

    class Meta:
        model = Question
        skip_postgeneration_save = True

    survey = factory.SubFactory(SurveyFactory)
    kind = Question.Kind.TEXT
    text = factory.Sequence(lambda n: f"Question {n}?")
    order = factory.Sequence(int)

    @factory.post_generation
    def choices(obj, create, extracted, **kwargs):
        from tenantry.surveys import library

        pairs = extracted or [
            (spec.value, library.english(spec.label))
            for spec in library.scale_choices(obj.kind, obj.offers_dont_know)
        ]
        if create:
            Choice.objects.bulk_create(
                Choice(question=obj, value=value, label=label, order=order)
                for order, (value, label) in enumerate(pairs)
            )


class InvitationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Invitation

    survey = factory.SubFactory(SurveyFactory)
    household = factory.SubFactory("tenantry.homes.tests.factories.HouseholdFactory")
    estate = factory.SelfAttribute("household.home.estate")
    salt = factory.Sequence(lambda n: f"salt-{n}")
    token_hash = factory.LazyAttribute(
        lambda o: services.codes.hash_code(services.codes.derive(o.salt))
    )


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Response

    survey = factory.SubFactory(SurveyFactory)
    mode = "web"
    submitted_on = factory.LazyFunction(timezone.localdate)


class AnswerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Answer

    response = factory.SubFactory(ResponseFactory)
    question = factory.SubFactory(QuestionFactory)

"""Surveys for the permission matrix: made once per test and shared by a route's arguments."""

from tenantry.homes.models import Household
from tenantry.surveys import codes, services
from tenantry.surveys.models import Invitation, Survey
from tenantry.surveys.tests.factories import (
    InvitationFactory,
    QuestionFactory,
    SectionFactory,
    SurveyFactory,
)


def once(make):
    """`make(cast)`, made once per cast, so that every argument of one route (the survey, its
    question, a household's code) belongs to the same survey."""

    def get(cast):
        made = cast.__dict__.setdefault("_surveys", {})
        if make.__name__ not in made:
            made[make.__name__] = make(cast)
        return made[make.__name__]

    get.__name__ = make.__name__
    return get


@once
def draft_survey(cast) -> Survey:
    survey = SurveyFactory(organisation=cast.tmo, languages=["cy"])
    section = SectionFactory(survey=survey, title="About your home")
    QuestionFactory(survey=survey, section=section, kind="yes_no", text="Do you like it here?")
    return survey


@once
def open_survey(cast) -> Survey:
    survey = SurveyFactory(organisation=cast.tmo, status=Survey.Status.OPEN)
    QuestionFactory(survey=survey, kind="yes_no", text="Do you like it here?")
    return survey


@once
def invitation(cast) -> Invitation:
    return InvitationFactory(
        survey=open_survey(cast), household=Household.objects.get(home=cast.home)
    )


@once
def started_invitation(cast) -> Invitation:
    invited = invitation(cast)
    services.start_draft(invitation=invited, mode="web", language="en")
    return invited


@once
def answered_invitation(cast) -> Invitation:
    invited = invitation(cast)
    Invitation.objects.filter(pk=invited.pk).update(responses=1)
    return invited


def code_of(invited: Invitation) -> str:
    return codes.normalise(services.invitation_code(invited))


def first_question(survey: Survey) -> int:
    return survey.questions.order_by("order", "pk").first().pk

"""Who may know which household answered: one rule, by the survey's anonymity."""

from tenantry.core.permissions import Role
from tenantry.surveys.models import Survey
from tenantry.surveys.permissions import can_see_respondents
from tenantry.surveys.tests.factories import SurveyFactory

STAFF = frozenset({Role.STAFF})
INSPECTOR = frozenset({Role.INSPECTOR})


def test_nobody_sees_who_answered_an_anonymous_survey(cast):
    survey = SurveyFactory(organisation=cast.tmo, anonymity=Survey.Anonymity.ANONYMOUS)

    assert not can_see_respondents(user=cast.people["staff"], roles=STAFF, survey=survey)


def test_only_the_named_staff_see_who_answered_a_confidential_survey(cast):
    survey = SurveyFactory(organisation=cast.tmo, anonymity=Survey.Anonymity.CONFIDENTIAL)
    survey.confidential_viewers.add(cast.people["staff"])
    committee = frozenset({Role.COMMITTEE})

    assert can_see_respondents(user=cast.people["staff"], roles=STAFF, survey=survey)
    assert not can_see_respondents(user=cast.people["committee"], roles=committee, survey=survey)


def test_those_who_run_a_named_survey_see_who_answered_it(cast):
    survey = SurveyFactory(organisation=cast.tmo, anonymity=Survey.Anonymity.NAMED)

    assert can_see_respondents(user=cast.people["staff"], roles=STAFF, survey=survey)
    assert not can_see_respondents(user=cast.people["inspector"], roles=INSPECTOR, survey=survey)

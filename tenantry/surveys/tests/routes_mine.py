"""Routes of a resident's own surveys, for the permission matrix.

The cast's resident's household is invited to an open survey; the committee member lives
elsewhere, so answering it is a 404 to them, as for a survey they were not invited to.
"""

from tenantry.core.tests.matrix import RESIDENTS_ONLY
from tenantry.surveys.models import Survey
from tenantry.surveys.tests.factories import InvitationFactory, SurveyFactory

# Those it is for are sent on to their household's personal link.
RESIDENTS_OWN_INVITATION = ["login", 302, 404, 403, 403, 403, 404, 404, 403]


def invited_survey(cast) -> int:
    survey = SurveyFactory(organisation=cast.tmo, status=Survey.Status.OPEN)
    InvitationFactory(survey=survey, household=cast.home.households.get())
    return survey.pk


ROUTES = {
    "surveys:my-surveys": ("tmo", {}, RESIDENTS_ONLY),
    "surveys:answer-my-survey": ("tmo", {"pk": invited_survey}, RESIDENTS_OWN_INVITATION),
}

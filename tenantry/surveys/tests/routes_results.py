"""Routes of a survey's results, reach, exports and contractor imports, for the permission matrix.

Results are figures, so everyone who runs or scrutinises the organisation sees them, the
landlord included; answers response by response, and importing them, are for those who run
its surveys.
"""

from tenantry.core.tests.matrix import MANAGEMENT, RESULT_KEEPERS_POST_ONLY, SURVEY_RUNNERS
from tenantry.surveys.tests.factories import SurveyFactory


def _survey(cast) -> int:
    return SurveyFactory(organisation=cast.tmo, status="open").pk


def _csv(cast) -> str:
    return "csv"


ROUTES = {
    "surveys:results": ("tmo", {"pk": _survey}, MANAGEMENT),
    "surveys:results-reach": ("tmo", {"pk": _survey}, MANAGEMENT),
    "surveys:send-to-indicators": ("tmo", {"pk": _survey}, RESULT_KEEPERS_POST_ONLY),
    "surveys:export-results": ("tmo", {"pk": _survey, "fmt": _csv}, MANAGEMENT),
    "surveys:export-responses": ("tmo", {"pk": _survey, "fmt": _csv}, SURVEY_RUNNERS),
    "surveys:import-responses": ("tmo", {"pk": _survey}, SURVEY_RUNNERS),
    "surveys:import-responses-template": ("tmo", {"pk": _survey}, SURVEY_RUNNERS),
}

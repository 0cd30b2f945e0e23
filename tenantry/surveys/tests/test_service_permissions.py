"""Survey services check permission themselves, whoever calls them."""

import io

import pytest
from django.core.exceptions import PermissionDenied

from tenantry.core.periods import financial_year_of
from tenantry.surveys import contractor_import, handover, services
from tenantry.surveys.models import Survey
from tenantry.surveys.tests.factories import QuestionFactory, SectionFactory, SurveyFactory


def test_the_landlord_cannot_write_a_tenant_organisations_survey(cast):
    with pytest.raises(PermissionDenied):
        services.create_survey(organisation=cast.tmo, by=cast.people["landlord_officer"])

    assert not Survey.objects.exists()


@pytest.mark.parametrize("role", ["resident", "inspector", "landlord_officer", "outsider"])
def test_only_those_who_run_surveys_change_one(cast, role):
    survey = SurveyFactory(organisation=cast.tmo)
    section = SectionFactory(survey=survey)
    question = QuestionFactory(survey=survey, section=section)
    by = cast.people[role]

    for change in [
        lambda: services.save_survey(survey=survey, by=by),
        lambda: services.save_section(section=section, by=by),
        lambda: services.move_section(section=section, up=True, by=by),
        lambda: services.delete_section(section=section, by=by),
        lambda: services.save_question(question=question, by=by),
        lambda: services.move_question(question=question, up=True, by=by),
        lambda: services.delete_question(question=question, by=by),
        lambda: services.save_translations(survey=survey, language="cy", texts={}, by=by),
        lambda: services.open_survey(survey=survey, by=by),
        lambda: services.close_survey(survey=survey, by=by),
        lambda: services.delete_survey(survey=survey, by=by),
        lambda: services.invite_households(survey=survey, by=by),
        lambda: services.enter_paper_response(survey=survey, by=by, answers={}),
    ]:
        with pytest.raises(PermissionDenied):
            change()

    assert Survey.objects.filter(pk=survey.pk, status=Survey.Status.DRAFT).exists()


def test_the_landlord_cannot_load_a_contractors_file(cast):
    survey = SurveyFactory(organisation=cast.tmo)

    with pytest.raises(PermissionDenied):
        contractor_import.import_responses(
            survey=survey,
            stream=io.BytesIO(b"reference\n"),
            filename="answers.csv",
            by=cast.people["landlord_officer"],
        )


def test_an_inspector_cannot_send_a_surveys_figures_to_the_indicators(cast):
    survey = SurveyFactory(organisation=cast.tmo)

    with pytest.raises(PermissionDenied):
        handover.send_tsm_results(
            survey=survey,
            period=financial_year_of(survey.created_at.date()),
            by=cast.people["inspector"],
        )

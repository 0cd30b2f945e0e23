"""A survey contractor's file: columns matched to questions, all or nothing, every problem told."""

import csv
import io
from datetime import date

import pytest
from django.core.management import CommandError, call_command

from tenantry.homes.tests.factories import HouseholdFactory
from tenantry.surveys import analysis, services
from tenantry.surveys.contractor_import import import_responses, parse_mapping
from tenantry.surveys.models import Answer, Invitation, Response, Survey
from tenantry.surveys.scoring import Score
from tenantry.surveys.tests.factories import InvitationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def survey(cast):
    survey = services.create_survey(
        organisation=cast.tmo, by=cast.people["committee"], template="tsm"
    )
    survey.status = Survey.Status.OPEN
    survey.save()
    return survey


def _csv(*rows) -> io.BytesIO:
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    return io.BytesIO(out.getvalue().encode())


def _run(survey, data, *, by=None, mapping=None, dry_run=False, filename="results.csv"):
    return import_responses(
        survey=survey, stream=data, filename=filename, by=by, mapping=mapping, dry_run=dry_run
    )


GOOD = [
    ["Respondent ID", "Estate", "Method", "Date", "TP01", "TSM_REPAIR", "TP02", "TP05", "NEEDS"],
    ["C001", "Kingsmead Estate", "Telephone", "03/02/2026", "Very satisfied", "Yes",
     "fairly_satisfied", "Don't know", "Large print; Audio"],
    ["C002", "kingsmead estate", "Internet", "2026-02-04", "neither", "no",
     "very_satisfied", "very_dissatisfied", ""],
    ["C003", "", "", "", "Fairly dissatisfied", "y", "Very dissatisfied", "", "none"],
]  # fmt: skip


def test_a_good_file_is_imported_with_each_answer_on_its_question(cast, survey):
    outcome = _run(survey, _csv(*GOOD), by=cast.people["staff"])

    assert outcome.accepted, outcome.problems
    assert (outcome.rows, outcome.created, outcome.already) == (3, 3, 0)
    first = Response.objects.get(survey=survey, source_reference="C001")
    assert (first.mode, first.estate, first.submitted_on) == (
        "phone",
        cast.estate,
        date(2026, 2, 3),
    )
    assert first.household is None
    assert first.entered_by == cast.people["staff"]
    assert sorted(first.answers.filter(question__code="NEEDS").values_list("value", flat=True)) == [
        "needs_audio",
        "needs_large_print",
    ]
    third = Response.objects.get(survey=survey, source_reference="C003")
    assert (third.mode, third.estate, third.language) == ("other", None, "en")
    # "Don't know" where TP05 offers it is an answer; it is left out of the measure.
    assert first.answers.get(question__code="TP05").value == "dont_know"


def test_answers_to_skipped_questions_are_left_out_and_counted(cast, survey):
    outcome = _run(survey, _csv(*GOOD))
    # C002 said no repair but has a TP02 answer: the survey would not have asked it.
    assert outcome.skipped_answers == 1
    assert not Answer.objects.filter(
        response__source_reference="C002", question__code="TP02"
    ).exists()
    measures = analysis.tsm_perception_results(survey)
    assert measures["TP01"] == Score(1, 3, 0)
    assert measures["TP02"] == Score(1, 2, 0)  # C001 fairly satisfied, C003 very dissatisfied
    assert measures["TP05"] == Score(0, 1, 1)


def test_a_file_with_bad_rows_saves_nothing_and_reports_every_problem(cast, survey):
    data = _csv(
        ["reference", "estate", "mode", "date", "TP01", "TP08", "Q99"],
        ["C001", "Nowhere", "pigeon", "31/02/2026", "Quite happy", "agree", ""],
        ["C002", "", "", "", "very_satisfied", "agree; disagree", ""],
        ["C001", "", "", "", "neither", "", ""],
        ["", "", "", "01/01/2099", "", "", ""],
    )
    outcome = _run(survey, data)

    assert not outcome.accepted
    assert [(p.line, p.column, p.reason) for p in outcome.problems] == [
        (1, "Q99", "is not a question of this survey (by code, number or wording) nor a column "
                   "Tenantry knows: map it to a question, or remove it"),
    ]  # fmt: skip
    # Without the unknown column, every row's problems are reported together.
    data = _csv(
        ["reference", "estate", "mode", "date", "TP01", "TP08"],
        ["C001", "Nowhere", "pigeon", "31/02/2026", "Quite happy", "agree"],
        ["C002", "", "", "", "very_satisfied", "agree; disagree"],
        ["C001", "", "", "", "neither", ""],
        ["", "", "", "01/01/2099", "", ""],
    )
    outcome = _run(survey, data)
    assert [(p.line, p.column, p.reason) for p in outcome.problems] == [
        (2, "estate", "Nowhere is not one of this organisation's estates"),
        (2, "mode", "pigeon is not a way of answering: use telephone, internet, face to face, "
                    "postal, SMS or other"),
        (2, "date", "31/02/2026 is not a date"),
        (2, "TP01", "Quite happy is not one of: very_satisfied, fairly_satisfied, neither, "
                    "fairly_dissatisfied, very_dissatisfied"),
        (3, "TP08", "agree; disagree is not one of: strongly_agree, agree, neither, disagree, "
                    "strongly_disagree, dont_know"),
        (4, "reference", "C001 is also on line 2"),
        (5, "reference", "is empty: every respondent needs the contractor's reference"),
        (5, "date", "01/01/2099 is in the future"),
    ]  # fmt: skip
    assert outcome.problem_count == 8
    assert not Response.objects.filter(survey=survey).exists()


def test_importing_the_same_file_again_adds_nothing(cast, survey):
    assert _run(survey, _csv(*GOOD)).created == 3
    again = _run(survey, _csv(*GOOD))
    assert again.accepted
    assert (again.created, again.already) == (0, 3)
    assert Response.objects.filter(survey=survey).count() == 3


def test_a_check_only_changes_nothing(cast, survey):
    outcome = _run(survey, _csv(*GOOD), dry_run=True)
    assert outcome.accepted
    assert outcome.created == 3
    assert not Response.objects.filter(survey=survey).exists()


def test_headers_can_be_mapped_to_questions_and_matched_by_number_or_wording(cast, survey):
    tp01 = survey.questions.get(code="TP01")
    data = _csv(
        ["ref", "Overall sat", tp01.text.upper()],
        ["A1", "Very satisfied", ""],
    )
    outcome = _run(survey, data, mapping={"ref": "reference", "Overall sat": "TP01"})
    # Both columns now mean TP01.
    assert [(p.column, p.reason) for p in outcome.problems] == [
        (tp01.text.upper(), "holds the same thing as the column “Overall sat”"),
    ]
    outcome = _run(
        survey, _csv(["ref", "Q1"], ["A1", "Very satisfied"]), mapping={"ref": "reference"}
    )
    assert outcome.accepted, outcome.problems
    assert Answer.objects.get(question=tp01).value == "very_satisfied"


def test_the_reference_column_is_required(cast, survey):
    outcome = _run(survey, _csv(["TP01"], ["Very satisfied"]))
    assert [(p.line, p.column) for p in outcome.problems] == [(1, "reference")]


def test_a_mapping_is_written_one_header_per_line():
    assert parse_mapping("Overall sat = TP01\n\nRespondent no.=reference\n") == {
        "Overall sat": "TP01",
        "Respondent no.": "reference",
    }
    with pytest.raises(ValueError, match="Line 2"):
        parse_mapping("a = TP01\nno equals sign here")


def test_an_anonymous_survey_refuses_a_household_column(cast, survey):
    outcome = _run(survey, _csv(["reference", "household", "TP01"], ["A", "T1", "neither"]))
    assert [(p.line, p.column) for p in outcome.problems] == [(1, "household")]


def test_a_named_survey_links_households_once_each(cast, survey):
    survey.anonymity = Survey.Anonymity.NAMED
    survey.save()
    household = cast.home.households.get()
    other = HouseholdFactory(home=cast.home, reference="T-OTHER", started_on=date(2010, 1, 1))
    invitation = InvitationFactory(survey=survey, household=household)
    data = _csv(
        ["reference", "tenancy reference", "TP01"],
        ["A", household.reference, "neither"],
        ["B", household.reference, "neither"],
        ["C", "T-NOBODY", "neither"],
    )
    outcome = _run(survey, data)
    assert [(p.line, p.column, p.reason) for p in outcome.problems] == [
        (3, "tenancy reference", "this household is also on line 2: each household answers once"),
        (4, "tenancy reference", "T-NOBODY is not a household living in the homes now"),
    ]
    outcome = _run(
        survey, _csv(["reference", "household", "TP01"], ["A", household.reference, "neither"])
    )
    assert outcome.accepted
    response = Response.objects.get(survey=survey)
    assert (response.household, response.estate, response.stock_type) == (
        household,
        cast.estate,
        "lcra",
    )
    # The household's letter is used up: it cannot answer online as well.
    assert Invitation.objects.get(pk=invitation.pk).responses == 1
    assert other.pk  # a second household on the same home is not touched


def test_a_survey_being_written_cannot_take_answers(cast, survey):
    survey.status = Survey.Status.DRAFT
    survey.save()
    outcome = _run(survey, _csv(*GOOD))
    assert not outcome.accepted
    assert not Response.objects.exists()


def test_an_xlsx_workbook_is_read_too(cast, survey):
    from openpyxl import Workbook

    book = Workbook()
    for row in GOOD:
        book.active.append(row)
    data = io.BytesIO()
    book.save(data)
    data.seek(0)
    assert _run(survey, data, filename="results.xlsx").created == 3


def test_the_command_imports_a_file_and_refuses_a_bad_one(cast, survey, tmp_path, capsys):
    good = tmp_path / "good.csv"
    good.write_bytes(_csv(*GOOD).getvalue())
    call_command("import_survey_responses", str(survey.pk), str(good), "--dry-run")
    assert not Response.objects.exists()
    assert "would add 3 responses" in capsys.readouterr().out
    call_command("import_survey_responses", str(survey.pk), str(good))
    assert Response.objects.filter(survey=survey).count() == 3

    bad = tmp_path / "bad.csv"
    bad.write_bytes(_csv(["reference", "TP01"], ["Z1", "Quite happy"]).getvalue())
    with pytest.raises(CommandError, match="was not imported: 1 problem"):
        call_command("import_survey_responses", str(survey.pk), str(bad))
    assert "2\tTP01\tQuite happy is not one of" in capsys.readouterr().out


def test_the_command_maps_headers(cast, survey, tmp_path):
    path = tmp_path / "mapped.csv"
    path.write_bytes(_csv(["id no", "overall"], ["X1", "Fairly satisfied"]).getvalue())
    call_command(
        "import_survey_responses", str(survey.pk), str(path), "--map", "id no=reference",
        "--map", "overall=TP01",
    )  # fmt: skip
    assert Answer.objects.get(response__source_reference="X1").value == "fairly_satisfied"


def test_the_command_is_also_spelt_with_hyphens(cast, survey, tmp_path):
    path = tmp_path / "good.csv"
    path.write_bytes(_csv(*GOOD).getvalue())
    call_command("import-survey-responses", str(survey.pk), str(path))
    assert Response.objects.filter(survey=survey).count() == 3


def test_the_example_file_imports_into_the_tsm_survey(cast, survey):
    from pathlib import Path

    example = Path(__file__).resolve().parents[3] / "examples" / "surveys" / "tsm-responses.csv"
    with example.open("rb") as stream:
        outcome = import_responses(
            survey=survey, stream=stream, filename=example.name, by=None, dry_run=True
        )
    assert outcome.accepted, outcome.problems
    assert outcome.created == 6

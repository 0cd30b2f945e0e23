"""The results pages, reach, the exports and the contractor's-file page."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from tenantry.homes.models import EqualityProfile
from tenantry.homes.tests.factories import (
    CoverageFactory,
    HomeFactory,
    HouseholdFactory,
    ResidentFactory,
)
from tenantry.surveys.models import Response, Survey
from tenantry.surveys.tests.factories import AnswerFactory, ResponseFactory, SurveyFactory
from tenantry.surveys.tests.test_analysis import build_scenario

pytestmark = pytest.mark.django_db


def _url(name, survey, *args):
    return reverse(f"surveys:{name}", args=[survey.organisation.slug, survey.pk, *args])


def _csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.reader(io.StringIO(text)))


def test_the_results_page_shows_counts_shares_margins_and_rates(cast, client_as):
    scenario = build_scenario(cast)
    page = client_as(cast.people["committee"]).get(_url("results", scenario.survey))
    assert page.status_code == 200
    text = page.content.decode()
    # 6 answers from 10 invited; 3 of 6 satisfied overall, ±29.5 points.
    assert "60%" in text
    assert "6 answers from 10 households invited" in text
    assert "50% satisfied (±29.5 points)" in text
    assert "Kingsmead Estate" in text and "Larch Court" in text
    # The TSM table: TP02 counts 1 of 2 (don't know left out).
    assert "TP02 Satisfaction with repairs" in text
    assert "1 “don't know” answer left out" in text
    # Charts with their tables and specs.
    assert text.count("data-tenantry-chart") >= 2


def _questions(page) -> str:
    text = page.content.decode()
    return text[text.index('id="questions"') : text.index("How these figures are worked out")]


def test_the_questions_are_drawn_again_after_a_response_or_a_household_moving_in(cast, client_as):
    scenario = build_scenario(cast)
    assert not scenario.survey.is_editable  # an open survey: its drawn tables are kept
    client = client_as(cast.people["committee"])
    url = _url("results", scenario.survey)
    first = _questions(client.get(url))
    assert "6 people answered." in first
    assert _questions(client.get(url)) == first  # as drawn a moment ago

    home = HomeFactory(estate=scenario.larch)
    CoverageFactory(agreement=cast.agreement, home=home)
    HouseholdFactory(home=home)
    moved_in = _questions(client.get(url))
    assert moved_in != first  # Larch Court's margins of error are of 5 households now, not 4

    response = ResponseFactory(survey=scenario.survey, estate=scenario.larch, stock_type="lcra")
    AnswerFactory(response=response, question=scenario.questions["TP01"], value="very_satisfied")
    assert "7 people answered." in _questions(client.get(url))


def test_the_landlord_sees_the_figures_but_not_the_responses(cast, client_as):
    scenario = build_scenario(cast)
    client = client_as(cast.people["landlord_officer"])
    page = client.get(_url("results", scenario.survey))
    assert page.status_code == 200
    assert _url("export-responses", scenario.survey, "csv") not in page.content.decode()
    assert client.get(_url("export-responses", scenario.survey, "csv")).status_code == 403


def test_a_breakdown_by_age_is_chosen_in_the_page(cast, client_as):
    scenario = build_scenario(cast)
    by = f"profile-{scenario.questions['AGE'].pk}"
    page = client_as(cast.people["staff"]).get(_url("results", scenario.survey), {"by": by})
    assert page.status_code == 200
    assert f'<option value="{by}" selected>Age band</option>' in page.content.decode()
    # An unknown breakdown falls back to estates rather than failing.
    page = client_as(cast.people["staff"]).get(_url("results", scenario.survey), {"by": "nope"})
    assert page.status_code == 200


def test_another_organisations_survey_is_not_found(cast, client_as):
    other = SurveyFactory(organisation=cast.other_tmo)
    url = reverse("surveys:results", args=[cast.tmo.slug, other.pk])
    assert client_as(cast.people["committee"]).get(url).status_code == 404


def test_the_reach_page_names_the_groups_to_go_and_find(cast, client_as):
    scenario = build_scenario(cast)
    page = client_as(cast.people["committee"]).get(_url("results-reach", scenario.survey))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Whom to go and find" in text
    assert "Kingsmead Estate" in text
    assert "Communication needs" in text


def test_whom_to_go_and_find_counts_one_answer_as_one(cast, client_as):
    scenario = build_scenario(cast)
    # Ten residents aged 65 to 74, one in each invited household, and two aged 16 to 24; of
    # those who said, one answer is 65 to 74 and two are 16 to 24.
    invited = [i.household for i in scenario.survey.invitations.select_related("household")]
    for household, age in [(h, "65-74") for h in invited] + [(invited[0], "16-24")] * 2:
        EqualityProfile.objects.create(
            resident=ResidentFactory(household=household),
            consented_on=date(2026, 1, 1),
            age_band=age,
        )

    page = client_as(cast.people["committee"]).get(_url("results-reach", scenario.survey))

    text = page.content.decode()
    assert "1 answer from 10 residents; about" in text
    assert "1 answers" not in text


def test_results_export_as_csv_in_long_form(cast, client_as):
    scenario = build_scenario(cast)
    response = client_as(cast.people["inspector"]).get(
        _url("export-results", scenario.survey, "csv")
    )
    assert response.status_code == 200
    rows = _csv_rows(response)
    assert rows[0][:4] == ["Question number", "Code", "Question", "Group"]
    tp01_all = {row[4]: row for row in rows[1:] if row[1] == "TP01" and row[3] == "All"}
    # very satisfied: 1 of 6 = 16.7%
    assert tp01_all["very_satisfied"][6:9] == ["1", "6", "16.7"]
    # Larch Court: 2 answered, too few to show what they said.
    larch = {row[4]: row for row in rows if row[1] == "TP01" and row[3] == "Larch Court"}
    assert larch["very_dissatisfied"][6:10] == ["", "2", "", ""]


def test_a_group_too_small_to_keep_answers_private_shows_only_how_many_answered(cast, client_as):
    scenario = build_scenario(cast)
    # A fifth Kingsmead response: 5 answered there, 2 on Larch Court.
    from tenantry.surveys.tests.factories import AnswerFactory, ResponseFactory

    response = ResponseFactory(survey=scenario.survey, estate=scenario.kingsmead)
    AnswerFactory(response=response, question=scenario.questions["TP01"], value="neither")
    page = client_as(cast.people["committee"]).get(_url("results", scenario.survey))
    text = page.content.decode()
    # Kingsmead: 2 of 5 satisfied = 40%; Larch Court: a dash.
    assert "40%" in text
    assert "fewer than 5 people in the group answered" in text
    rows = _csv_rows(
        client_as(cast.people["committee"]).get(_url("export-results", scenario.survey, "csv"))
    )
    kingsmead = {r[4]: r for r in rows if r[1] == "TP01" and r[3] == "Kingsmead Estate"}
    assert kingsmead["neither"][6:9] == ["2", "5", "40.0"]


def test_results_export_as_a_workbook_with_each_table(cast, client_as):
    scenario = build_scenario(cast)
    response = client_as(cast.people["committee"]).get(
        _url("export-results", scenario.survey, "xlsx")
    )
    assert response.status_code == 200
    book = load_workbook(io.BytesIO(response.content))
    assert book.sheetnames == ["Answers", "TSM measures", "TSM sample", "Response rates", "Reach"]
    tsm = list(book["TSM measures"].values)
    assert tsm[1] == ("TP01", "Overall satisfaction", 3, 6, 0, 50)


def test_an_unknown_export_format_is_not_found(cast, client_as):
    survey = SurveyFactory(organisation=cast.tmo)
    assert (
        client_as(cast.people["committee"]).get(_url("export-results", survey, "pdf")).status_code
        == 404
    )


def test_an_anonymous_surveys_responses_export_nothing_that_identifies(cast, client_as):
    scenario = build_scenario(cast)
    response = client_as(cast.people["staff"]).get(_url("export-responses", scenario.survey, "csv"))
    rows = _csv_rows(response)
    header = rows[0]
    assert "Household" not in header and "Address" not in header and "Reference" not in header
    assert header[:6] == ["Response", "Date", "Mode", "Language", "Estate", "Stock type"]
    # Rows are numbered 1, 2, 3…, not by the database's keys, and nothing finer than the day.
    assert [row[0] for row in rows[1:]] == ["1", "2", "3", "4", "5", "6"]
    assert {row[1] for row in rows[1:]} == {timezone.localdate().isoformat()}
    commented = [row for row in rows[1:] if row[header.index("COMMENTS")]]
    assert [row[header.index("COMMENTS")] for row in commented] == ["The lift is often broken."]
    assert commented[0][header.index("NEEDS")] == "needs_large_print; needs_audio"
    assert commented[0][header.index("PEOPLE")] == "1"
    assert len(rows) == 7


def test_a_named_surveys_export_says_who_answered(cast, client_as):
    scenario = build_scenario(cast, anonymity=Survey.Anonymity.NAMED)
    household = cast.home.households.get()
    Response.objects.filter(pk=scenario.responses[0].pk).update(household=household)
    rows = _csv_rows(
        client_as(cast.people["committee"]).get(_url("export-responses", scenario.survey, "csv"))
    )
    assert rows[0][7:9] == ["Household", "Address"]
    assert [household.reference, "1 Mill Road"] in [row[7:9] for row in rows[1:]]


def test_a_confidential_surveys_export_names_households_only_for_named_staff(cast, client_as):
    scenario = build_scenario(cast, anonymity=Survey.Anonymity.CONFIDENTIAL)
    url = _url("export-responses", scenario.survey, "csv")
    rows = _csv_rows(client_as(cast.people["committee"]).get(url))
    assert "Household" not in rows[0]
    scenario.survey.confidential_viewers.add(cast.people["staff"])
    rows = _csv_rows(client_as(cast.people["staff"]).get(url))
    assert "Household" in rows[0]


def test_responses_export_as_a_workbook(cast, client_as):
    scenario = build_scenario(cast)
    response = client_as(cast.people["staff"]).get(
        _url("export-responses", scenario.survey, "xlsx")
    )
    book = load_workbook(io.BytesIO(response.content))
    rows = list(book["Responses"].values)
    assert len(rows) == 7
    tp01 = rows[0].index("TP01")
    assert sorted(row[tp01] for row in rows[1:]) == sorted(
        ["very_satisfied", "fairly_satisfied", "neither", "very_dissatisfied"]
        + ["fairly_satisfied", "very_dissatisfied"]
    )


def _upload(text: str, name: str = "results.csv"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, text.encode(), content_type="text/csv")


def test_the_import_page_checks_a_file_and_shows_every_problem(cast, client_as):
    scenario = build_scenario(cast)
    client = client_as(cast.people["staff"])
    page = client.post(
        _url("import-responses", scenario.survey),
        {"file": _upload("reference,TP01\nA1,Quite happy\nA2,neither\n")},
    )
    assert page.status_code == 400
    text = page.content.decode()
    assert "The file was not imported" in text
    assert "Quite happy is not one of" in text
    assert Response.objects.filter(survey=scenario.survey).count() == 6


def test_the_import_page_imports_a_good_file_and_goes_to_the_results(cast, client_as):
    scenario = build_scenario(cast)
    client = client_as(cast.people["staff"])
    data = {
        "file": _upload("ref,Overall\nA1,Very satisfied\n"),
        "mapping": "ref = reference\nOverall = TP01",
    }
    check = client.post(_url("import-responses", scenario.survey), {**data, "dry_run": "on"})
    assert check.status_code == 200
    assert "The file is ready to import" in check.content.decode()
    data["file"] = _upload("ref,Overall\nA1,Very satisfied\n")
    done = client.post(_url("import-responses", scenario.survey), data)
    assert done.status_code == 302
    assert done.url == _url("results", scenario.survey)
    assert Response.objects.filter(survey=scenario.survey).count() == 7


def test_a_badly_written_mapping_keeps_what_was_typed(cast, client_as):
    scenario = build_scenario(cast)
    page = client_as(cast.people["staff"]).post(
        _url("import-responses", scenario.survey),
        {"file": _upload("reference,TP01\nA,neither\n"), "mapping": "no equals here"},
    )
    assert page.status_code == 400
    text = page.content.decode()
    assert "no equals here" in text
    assert "Line 1 of the mapping" in text


def test_the_import_template_has_the_surveys_headers(cast, client_as):
    scenario = build_scenario(cast)
    rows = _csv_rows(
        client_as(cast.people["committee"]).get(_url("import-responses-template", scenario.survey))
    )
    assert rows == [
        ["reference", "estate", "mode", "date", "TP01", "TSM_REPAIR", "TP02", "AGE", "NEEDS",
         "PEOPLE", "COMMENTS"],
    ]  # fmt: skip


def test_a_written_answer_cannot_run_as_a_formula_in_a_download(cast, client_as):
    scenario = build_scenario(cast)
    from tenantry.surveys.tests.factories import AnswerFactory

    AnswerFactory(
        response=scenario.responses[1],
        question=scenario.questions["COMMENTS"],
        text='=HYPERLINK("http://example.com","Click")',
    )
    client = client_as(cast.people["staff"])
    rows = _csv_rows(client.get(_url("export-responses", scenario.survey, "csv")))
    assert any('\'=HYPERLINK("http://example.com","Click")' in row for row in rows[1:])
    book = load_workbook(
        io.BytesIO(client.get(_url("export-responses", scenario.survey, "xlsx")).content)
    )
    assert all(cell.data_type != "f" for row in book.active.iter_rows() for cell in row)


def test_the_page_and_the_downloads_round_a_share_the_same_way(cast, client_as):
    # 13 of 16 satisfied is 81.25%: 81.3 everywhere (halves up), never 81.2 (Python's round).
    from tenantry.surveys.models import Question
    from tenantry.surveys.tests.factories import AnswerFactory, QuestionFactory, ResponseFactory

    survey = SurveyFactory(organisation=cast.tmo, status="open")
    tp01 = QuestionFactory(survey=survey, code="TP01", kind=Question.Kind.SATISFACTION)
    for value in ["very_satisfied"] * 13 + ["very_dissatisfied"] * 3:
        AnswerFactory(response=ResponseFactory(survey=survey), question=tp01, value=value)
    client = client_as(cast.people["committee"])
    assert "81.3% satisfied" in client.get(_url("results", survey)).content.decode()
    rows = _csv_rows(client.get(_url("export-results", survey, "csv")))
    very = next(r for r in rows if r[3] == "All" and r[4] == "very_satisfied")
    assert very[8] == "81.3"
    book = load_workbook(io.BytesIO(client.get(_url("export-results", survey, "xlsx")).content))
    assert list(book["TSM measures"].values)[1][5] == 81.3


def _prepared_download(client, response):
    from tenantry.organisations.models import PreparedFile

    prepared = PreparedFile.objects.get()
    assert response.url == reverse(
        "organisations:prepared-file", args=[prepared.organisation.slug, prepared.pk]
    )
    page = client.get(response.url).content.decode()
    assert "Your file is ready" in page and "6 of 6 responses written" in page
    return client.get(response.url + "download/")


def test_a_large_surveys_responses_are_prepared_in_the_background(
    cast, client_as, settings, django_capture_on_commit_callbacks
):
    settings.SURVEY_RESPONSES_IN_BACKGROUND = 6
    scenario = build_scenario(cast, anonymity=Survey.Anonymity.CONFIDENTIAL)
    scenario.survey.confidential_viewers.add(cast.people["staff"])
    client = client_as(cast.people["staff"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(_url("export-responses", scenario.survey, "csv"))

    download = _prepared_download(client, response)
    assert download["Content-Type"].startswith("text/csv")
    rows = _csv_rows(download)
    assert len(rows) == 7 and "Household" in rows[0]  # the person who asked may know who


def test_a_large_surveys_workbook_is_prepared_in_the_background(
    cast, client_as, settings, django_capture_on_commit_callbacks
):
    settings.SURVEY_RESPONSES_IN_BACKGROUND = 6
    scenario = build_scenario(cast)
    client = client_as(cast.people["staff"])

    with django_capture_on_commit_callbacks(execute=True):
        response = client.get(_url("export-responses", scenario.survey, "xlsx"))

    download = _prepared_download(client, response)
    book = load_workbook(io.BytesIO(b"".join(download.streaming_content)))
    assert len(list(book["Responses"].values)) == 7

"""The annual report: its figures as assembled, frozen once published, the committee's texts
per language, edits that would overwrite someone else's, and publishing once."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.template.loader import render_to_string

from tenantry.indicators.models import Result
from tenantry.organisations.models import AuditEntry
from tenantry.reports import annual_services as services
from tenantry.reports.annual_selectors import (
    published_annual_reports,
    texts_of,
    year_start_of,
)
from tenantry.reports.easy_read import in_tens
from tenantry.reports.models import AnnualReport, AnnualReportText
from tenantry.reports.tests.annual_data import YEAR, hand_worked_year

TODAY = date(2026, 5, 20)


@pytest.fixture
def year(cast):
    return hand_worked_year(cast)


def _start(cast, by="committee") -> AnnualReport:
    return services.start_annual_report(
        organisation=cast.tmo, year=YEAR, by=cast.people[by], today=TODAY
    )


def _row(rows, code):
    return next(row for row in rows if row["code"] == code)


def test_assembled_figures_are_the_hand_worked_ones(cast, year):
    figures = _start(cast).figures["en-gb"]

    tp01 = _row(figures["satisfaction"], "TP01")
    assert tp01["value"] == 72.4
    assert tp01["figure"] == "72.4%"
    assert tp01["target"] == "80%"
    assert (tp01["status"], tp01["status_label"]) == ("red", "Off target")
    assert _row(figures["satisfaction"], "TP02")["status"] == ""
    assert figures["targets"] == {"total": 1, "met": 0, "near": 0, "missed": 1}
    approach = figures["approach"]
    assert (approach["invited"], approach["answered"]) == (40, 19)
    assert (approach["opened"], approach["closed"]) == ("1 September 2025", "31 October 2025")
    assert approach["modes"] == [
        ["Online, by personal link", "12"],
        ["By phone", "fewer than 5"],
        ["On paper", "fewer than 5"],
    ]
    money = figures["money"]
    assert money["rows"] == [["Repairs", "£12,000.00", "£11,500.50", "£499.50"]]
    assert money["homes"] == 2
    assert money["per_home"] == "£5,750.25"
    said = [item["said"] for item in figures["you_said"]]
    assert said[0].startswith("Two in five appointments")
    assert said[1] == "Please clean the bin store every week."
    assert figures["you_said"][1]["did"] == "Cleaned every Monday from October."
    assert figures["year"] == "2025/26"


def test_the_welsh_snapshot_is_written_in_welsh(cast, year):
    figures = _start(cast).figures["cy"]

    assert _row(figures["satisfaction"], "TP01")["status_label"] != "Off target"
    assert figures["approach"]["opened"] == "1 Medi 2025"


def test_a_published_report_does_not_change_when_the_records_do(cast, year):
    report = _start(cast)
    services.save_section(
        report=report, section="introduction", language="en-gb",
        text=services.SectionText("Welcome to our report."), version=0, by=cast.people["committee"],
    )  # fmt: skip
    services.publish_annual_report(report=report, by=cast.people["committee"])
    Result.objects.filter(indicator__code="TP01").update(value=Decimal("95"))

    report.refresh_from_db()
    assert _row(report.figures["en-gb"]["satisfaction"], "TP01")["value"] == 72.4
    with pytest.raises(ValidationError):
        services.reassemble_annual_report(report=report, by=cast.people["committee"])
    with pytest.raises(ValidationError):
        services.save_section(
            report=report, section="introduction", language="en-gb",
            text=services.SectionText("Changed"), version=1, by=cast.people["committee"],
        )  # fmt: skip


def test_taking_the_figures_again_keeps_what_the_committee_wrote(cast, year):
    report = _start(cast)
    services.save_section(
        report=report, section="quality", language="en-gb",
        text=services.SectionText("Homes first.", "New kitchens", "Fewer repairs"), version=0,
        by=cast.people["staff"],
    )  # fmt: skip
    Result.objects.filter(indicator__code="TP01").update(value=Decimal("85"))

    report = services.reassemble_annual_report(report=report, by=cast.people["committee"])

    assert _row(report.figures["en-gb"]["satisfaction"], "TP01")["status"] == "green"
    text = texts_of(report, "en-gb")["quality"]
    assert (text.body, text.actions, text.outcomes) == (
        "Homes first.",
        "New kitchens",
        "Fewer repairs",
    )


def test_an_edit_from_an_older_version_keeps_both_texts(cast, year):
    report = _start(cast)
    first = services.save_section(
        report=report, section="introduction", language="en-gb",
        text=services.SectionText("Amina's words"), version=0, by=cast.people["committee"],
    )  # fmt: skip

    with pytest.raises(services.EditConflict) as conflict:
        services.save_section(
            report=report, section="introduction", language="en-gb",
            text=services.SectionText("Tom's words"), version=0, by=cast.people["staff"],
        )  # fmt: skip

    assert conflict.value.saved.body == "Amina's words"
    assert AnnualReportText.objects.get(pk=first.pk).body == "Amina's words"
    saved = services.save_section(
        report=report, section="introduction", language="en-gb",
        text=services.SectionText("Amina's and Tom's words"), version=1, by=cast.people["staff"],
    )  # fmt: skip
    assert saved.version == 2


def test_a_welsh_text_missing_falls_back_to_the_english_marked(cast, year):
    report = _start(cast)
    for section, language, body in (
        ("introduction", "en-gb", "Hello"),
        ("introduction", "cy", "Helo"),
        ("money", "en-gb", "We spent wisely"),
    ):
        services.save_section(
            report=report, section=section, language=language,
            text=services.SectionText(body), version=0, by=cast.people["committee"],
        )  # fmt: skip

    welsh = texts_of(report, "cy")

    assert (welsh["introduction"].body, welsh["introduction"].in_english) == ("Helo", False)
    assert (welsh["money"].body, welsh["money"].in_english) == ("We spent wisely", True)
    assert welsh["approach"].is_empty


def test_publishing_twice_publishes_once(cast, year):
    report = _start(cast)
    services.save_section(
        report=report, section="introduction", language="en-gb",
        text=services.SectionText("Welcome"), version=0, by=cast.people["committee"],
    )  # fmt: skip

    first = services.publish_annual_report(report=report, by=cast.people["committee"])
    second = services.publish_annual_report(report=report, by=cast.people["site_admin"])

    assert second.published_at == first.published_at
    assert second.published_by == cast.people["committee"]
    assert AuditEntry.objects.filter(detail="Published").count() == 1
    assert list(published_annual_reports(cast.tmo)) == [report]


def test_publishing_needs_the_chairs_introduction(cast, year):
    report = _start(cast)

    with pytest.raises(ValidationError, match="introduction"):
        services.publish_annual_report(report=report, by=cast.people["committee"])
    assert not published_annual_reports(cast.tmo).exists()


def test_staff_write_but_only_the_committee_publishes(cast, year):
    report = _start(cast, by="staff")

    with pytest.raises(PermissionDenied):
        services.publish_annual_report(report=report, by=cast.people["staff"])
    with pytest.raises(PermissionDenied):
        services.start_annual_report(
            organisation=cast.tmo, year=YEAR, by=cast.people["landlord_officer"], today=TODAY
        )
    with pytest.raises(PermissionDenied):
        services.save_section(
            report=report, section="introduction", language="en-gb",
            text=services.SectionText("x"), version=0, by=cast.people["resident"],
        )  # fmt: skip


def test_starting_a_year_twice_gives_the_same_report(cast, year):
    assert _start(cast).pk == _start(cast, by="staff").pk
    assert AnnualReport.objects.count() == 1


def test_a_year_not_begun_is_refused(cast):
    with pytest.raises(ValidationError):
        services.start_annual_report(
            organisation=cast.tmo, year=YEAR, by=cast.people["committee"], today=date(2025, 3, 1)
        )


def test_languages_always_include_english(cast, year):
    report = _start(cast)

    report = services.set_report_languages(
        report=report, languages=["cy"], by=cast.people["committee"]
    )

    assert report.languages == ["en-gb", "cy"]
    with pytest.raises(ValidationError):
        services.set_report_languages(report=report, languages=["fr"], by=cast.people["committee"])


def test_an_unknown_section_is_refused(cast, year):
    with pytest.raises(ValidationError):
        services.save_section(
            report=_start(cast), section="secrets", language="en-gb",
            text=services.SectionText("x"), version=0, by=cast.people["committee"],
        )  # fmt: skip


@pytest.mark.parametrize(
    ("slug", "start"),
    [("2025-26", date(2025, 4, 1)), ("1999-00", date(1999, 4, 1)), ("2025-27", None),
     ("2025", None), ("x", None)],
)  # fmt: skip
def test_year_in_the_address(slug, start):
    assert year_start_of(slug) == start


@pytest.mark.parametrize(("value", "tens"), [(72.4, 7), (75.0, 8), (74.9, 7), (5, 1), (0, 0)])
def test_shares_in_tens_round_half_up(value, tens):
    assert in_tens(value) == tens


@pytest.mark.parametrize(
    ("population", "received", "required", "said"),
    [
        (1_180, 421, 291, "Households: 1,180. Answers: 421. Needed for an accuracy of ±5%: 291."),
        (1, 1, 1, "Households: 1. Answers: 1. Needed for an accuracy of ±5%: 1."),
    ],
)
def test_a_samples_sentence_reads_right_at_any_size(population, received, required, said):
    sample = {"population": population, "received": received, "required": required,
              "margin": 5, "met": True}  # fmt: skip
    html = render_to_string("reports/annual/_sample.html", {"s": sample})
    assert said in html
    assert "We met the regulator's requirement." in html

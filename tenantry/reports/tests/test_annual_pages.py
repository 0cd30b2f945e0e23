"""The annual report's pages and PDFs: what they say, in which language, how many queries they
ask, the large print's type size, the easy read's reading ease, and the public rule."""

import io
from datetime import date

import pytest
import textstat
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from tenantry.reports import annual_services as services
from tenantry.reports.annual_pdf import annual_report_pdf, report_context
from tenantry.reports.easy_read import plain_text
from tenantry.reports.models import AnnualReport, PublicPage
from tenantry.reports.tests.annual_data import YEAR, hand_worked_year

TODAY = date(2026, 5, 20)
EASY_READ_TEXT = (
    "We painted the halls.\nWe fixed the lifts.\nWe had a fun day in the park.\n"
    "Many of you came to it."
)


@pytest.fixture
def report(cast) -> AnnualReport:
    hand_worked_year(cast)
    made = services.start_annual_report(
        organisation=cast.tmo, year=YEAR, by=cast.people["committee"], today=TODAY
    )
    for section, language, body in (
        ("introduction", "en-gb", "Welcome from Pat, our chair."),
        ("introduction", "cy", "Croeso gan Pat, ein cadeirydd."),
        ("easy_read", "en-gb", EASY_READ_TEXT),
    ):
        services.save_section(
            report=made, section=section, language=language,
            text=services.SectionText(body), version=0, by=cast.people["committee"],
        )  # fmt: skip
    services.save_section(
        report=made, section="quality", language="en-gb",
        text=services.SectionText("Good homes.", "Fixed 40 roofs", "No leaks this winter"),
        version=0, by=cast.people["committee"],
    )  # fmt: skip
    return services.set_report_languages(report=made, languages=["cy"], by=None)


def _page(cast, report, name="reports:annual-report"):
    return reverse(name, args=[cast.tmo.slug, report.year_slug])


def _publish(cast, report, *, public_page: bool) -> AnnualReport:
    services.publish_annual_report(report=report, by=cast.people["committee"])
    if public_page:
        PublicPage.objects.create(
            organisation=cast.tmo, published=True, published_at=timezone.now()
        )
    report.refresh_from_db()
    return report


def _pdf_text(content: bytes) -> tuple[PdfReader, str]:
    reader = PdfReader(io.BytesIO(content))
    # Words as a reader meets them: a sentence the layout wrapped over two lines is one.
    return reader, " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_the_page_shows_the_figures_and_what_the_committee_wrote(cast, client_as, report):
    response = client_as(cast.people["committee"]).get(_page(cast, report))

    page = response.content.decode()
    assert "Welcome from Pat, our chair." in page
    assert "72.4%" in page and "Off target" in page
    assert "Fixed 40 roofs" in page and "No leaks this winter" in page
    assert "Please clean the bin store every week." in page
    assert "£11,500.50" in page
    assert "Take the figures again" in page and "Publish the report" in page


def test_the_page_in_welsh_marks_the_english_fallback(cast, client_as, report):
    response = client_as(cast.people["committee"]).get(_page(cast, report) + "?lang=cy")

    page = response.content.decode()
    assert "Croeso gan Pat, ein cadeirydd." in page
    assert 'lang="en"' in page  # "Good homes." is shown in English, marked as such
    assert "Good homes." in page


def test_a_language_not_chosen_is_not_shown(cast, client_as, report):
    services.set_report_languages(report=report, languages=[], by=None)

    response = client_as(cast.people["committee"]).get(_page(cast, report) + "?lang=cy")

    assert "Croeso gan Pat" not in response.content.decode()


def test_a_resident_reads_only_the_published_report(cast, client_as, report):
    client = client_as(cast.people["resident"])
    assert client.get(_page(cast, report)).status_code == 403
    listed = client.get(reverse("reports:annual-reports", args=[cast.tmo.slug]))
    assert "Annual report 2025/26" not in listed.content.decode()

    _publish(cast, report, public_page=False)

    assert client.get(_page(cast, report)).status_code == 200
    listed = client.get(reverse("reports:annual-reports", args=[cast.tmo.slug]))
    assert "Annual report 2025/26" in listed.content.decode()


def test_the_public_report_needs_the_public_page_published(cast, client, report):
    url = reverse("annual-report:report", args=[cast.tmo.slug, report.year_slug])
    assert client.get(url).status_code == 404

    _publish(cast, report, public_page=False)
    assert client.get(url).status_code == 404

    PublicPage.objects.create(organisation=cast.tmo, published=True, published_at=timezone.now())
    response = client.get(url)
    assert response.status_code == 200
    assert "Welcome from Pat, our chair." in response.content.decode()


def test_a_draft_is_never_public(cast, client, report):
    PublicPage.objects.create(organisation=cast.tmo, published=True, published_at=timezone.now())

    url = reverse("annual-report:report", args=[cast.tmo.slug, report.year_slug])

    assert client.get(url).status_code == 404


QUERIES_PAGE = 12


def test_the_page_asks_the_same_queries_however_long(
    cast, client_as, report, django_assert_max_num_queries
):
    client = client_as(cast.people["committee"])
    client.get(_page(cast, report))
    with django_assert_max_num_queries(QUERIES_PAGE):
        client.get(_page(cast, report))


def test_the_public_page_asks_few_queries(cast, client, report, django_assert_num_queries):
    _publish(cast, report, public_page=True)
    url = reverse("annual-report:report", args=[cast.tmo.slug, report.year_slug])
    client.get(url)

    # The report with its organisation, and the committee's texts.
    with django_assert_num_queries(2):
        response = client.get(url)
    assert response.status_code == 200


def test_the_pdf_says_what_the_page_says(report):
    reader, text = _pdf_text(annual_report_pdf(report, "en-gb", "report"))

    assert "Annual report to tenants 2025/26" in text
    assert "Welcome from Pat, our chair." in text
    assert "72.4%" in text
    assert "Together with Tenants" in text
    assert "£11,500.50" in text
    assert len(reader.pages) >= 2


def test_the_welsh_pdf_is_in_welsh(report):
    _reader, text = _pdf_text(annual_report_pdf(report, "cy", "report"))

    assert "Croeso gan Pat, ein cadeirydd." in text
    assert "Annual report to tenants" not in text


def _font_sizes(reader: PdfReader) -> list[float]:
    """The size every piece of text is drawn at: its font size scaled by the text matrix."""
    sizes = []

    def visit(text, cm, tm, font, size):
        if text.strip():
            scale = (tm[0] ** 2 + tm[1] ** 2) ** 0.5 * (cm[0] ** 2 + cm[1] ** 2) ** 0.5
            sizes.append(round(size * scale, 1))

    for page in reader.pages:
        page.extract_text(visitor_text=visit)
    return sizes


def test_large_print_is_at_least_16_points(report):
    reader, text = _pdf_text(annual_report_pdf(report, "en-gb", "large-print"))

    assert "Welcome from Pat, our chair." in text
    sizes = _font_sizes(reader)
    assert sizes and min(sizes) >= 16
    normal, _text = _pdf_text(annual_report_pdf(report, "en-gb", "report"))
    assert min(_font_sizes(normal)) < 16  # the measure can tell the difference


def test_the_easy_read_pdf_has_its_lines(report):
    reader, text = _pdf_text(annual_report_pdf(report, "en-gb", "easy-read"))

    assert "7 in 10 tenants are happy with our service." in text
    assert "We painted the halls." in text
    assert min(_font_sizes(reader)) >= 16


def test_the_easy_read_is_easy_to_read(report):
    lines = report_context(report, "en-gb", chart=False)["easy_lines"]
    text = plain_text(lines)

    assert textstat.flesch_reading_ease(text) >= 70
    assert max(len(line.text.split()) for line in lines) <= 15  # short sentences
    assert all(line.text.count(". ") == 0 for line in lines)  # one sentence, one idea, a line


def test_the_easy_read_page(cast, client_as, report):
    response = client_as(cast.people["committee"]).get(
        _page(cast, report, "reports:annual-report-easy-read")
    )

    page = response.content.decode()
    assert "8 in 10 tenants are happy with repairs." in page
    assert "<svg" in page


def test_an_edit_that_would_overwrite_shows_both_texts(cast, client_as, report):
    url = reverse(
        "reports:edit-annual-report", args=[cast.tmo.slug, report.year_slug, "introduction"]
    )

    response = client_as(cast.people["staff"]).post(
        url + "?language=en-gb", {"body": "Staff's version", "version": "0"}
    )

    assert response.status_code == 409
    page = response.content.decode()
    assert "Someone else saved this section" in page
    assert "Welcome from Pat, our chair." in page  # theirs, shown
    assert "Staff&#x27;s version" in page  # ours, kept in the box


def test_too_long_a_text_names_the_field(cast, client_as, report):
    url = reverse("reports:edit-annual-report", args=[cast.tmo.slug, report.year_slug, "money"])

    response = client_as(cast.people["committee"]).post(url, {"body": "x" * 20_001, "version": "0"})

    assert response.status_code == 400
    assert "Text must be 20,000 characters or fewer" in response.content.decode()


def test_publishing_from_the_page(cast, client_as, report):
    url = reverse("reports:publish-annual-report", args=[cast.tmo.slug, report.year_slug])

    response = client_as(cast.people["committee"]).post(url)

    assert response.status_code == 302
    report.refresh_from_db()
    assert report.is_published
    edit = reverse("reports:edit-annual-report", args=[cast.tmo.slug, report.year_slug, "money"])
    assert client_as(cast.people["committee"]).get(edit).status_code == 302


def test_a_bad_year_is_not_found(cast, client_as):
    client = client_as(cast.people["committee"])
    for year in ("2025-27", "nonsense", "2030-31"):
        url = reverse("reports:annual-report", args=[cast.tmo.slug, year])
        assert client.get(url).status_code == 404


def test_starting_a_report_from_the_list(cast, client_as):
    url = reverse("reports:start-annual-report", args=[cast.tmo.slug])
    client = client_as(cast.people["committee"])

    missing = client.post(url, {})
    started = client.post(url, {"year": str(timezone.localdate().year - 1)})

    assert missing.status_code == 400
    assert "Select the year the report is for" in missing.content.decode()
    assert started.status_code == 302
    assert AnnualReport.objects.filter(organisation=cast.tmo).count() == 1


def test_the_welsh_page_is_in_welsh_throughout(cast, client_as, report):
    response = client_as(cast.people["committee"]).get(_page(cast, report) + "?lang=cy")

    page = response.content.decode()
    for welsh in (
        "Adroddiad blynyddol i denantiaid 2025/26",
        "Together with Tenants: ein hymrwymiadau",
        "Sut y gofynnon ni i denantiaid",
        "Fe ddywedoch chi:",
        "1 Medi 2025",
    ):
        assert welsh in page
    for english in ("How we asked tenants", "Other ways to read this report", "You said:"):
        assert english not in page

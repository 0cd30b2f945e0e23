"""The self-assessment and report from answering a provision to publication: what each page
shows, what bad input is told, the history kept, the queries each page asks and the PDFs' text."""

import io
from datetime import date

import pytest
from django.core.cache import cache
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from tenantry.organisations.models import AuditEntry
from tenantry.records.tests.factories import ComplaintFactory
from tenantry.reports import complaints_selectors as selectors
from tenantry.reports import complaints_services as services
from tenantry.reports.complaints_code import PROVISIONS, SECTIONS
from tenantry.reports.complaints_models import ComplaintsYear, ProvisionAnswer

from .complaints_world import definitions, make_complaints  # noqa: F401

pytestmark = pytest.mark.django_db


def _url(name, cast, *more):
    return reverse(name, args=[cast.tmo.slug, 2025, *more])


def _approve(cast, **kwargs):
    return services.approve(
        organisation=cast.tmo,
        year=2025,
        approved_on=kwargs.get("approved_on", date(2026, 6, 18)),
        minute_reference=kwargs.get("minute_reference", "C 2026/7"),
        by=kwargs.get("by"),
    )


def test_the_provisions_are_numbered_within_their_sections():
    codes = [p.code for p in PROVISIONS]
    assert len(codes) == len(set(codes))
    for provision in PROVISIONS:
        assert provision.code.split(".")[0] == str(provision.section)
        assert provision.section in SECTIONS
    assert set(SECTIONS) == set(range(1, 10))


def test_a_provision_is_answered_and_shown_with_the_records_figure(cast, client_as):
    make_complaints(cast)
    client = client_as(cast.people["staff"])

    response = client.post(
        _url("reports:complaints-provision", cast, "6.2"),
        {"complies": "no", "evidence": "Letters", "explanation": "Short-staffed", "action": "Hire"},
    )

    assert response.status_code == 302
    answer = ProvisionAnswer.objects.get(code="6.2")
    assert (answer.complies, answer.action) == ("no", "Hire")
    page = client.get(_url("reports:complaints-self-assessment", cast)).content.decode()
    assert "2 of 4 (50%) stage 1 complaints received in 2025/26 were acknowledged" in page
    assert "Short-staffed" in page
    entry = AuditEntry.objects.get(organisation=cast.tmo)
    assert entry.by == cast.people["staff"]
    assert "6.2" in entry.what


def test_not_complying_needs_an_action(cast, client_as):
    response = client_as(cast.people["staff"]).post(
        _url("reports:complaints-provision", cast, "6.2"),
        {"complies": "no", "evidence": "Kept typed"},
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Enter what you will do to comply, and by when" in page
    assert "Kept typed" in page  # nothing typed is lost
    assert not ProvisionAnswer.objects.exists()


def test_comply_must_be_chosen(cast, client_as):
    response = client_as(cast.people["staff"]).post(
        _url("reports:complaints-provision", cast, "1.2"), {"evidence": "Policy"}
    )

    assert response.status_code == 400
    assert "Select yes or no" in response.content.decode()


def test_the_report_is_written_and_shown(cast, client_as):
    make_complaints(cast)
    client = client_as(cast.people["committee"])

    response = client.post(
        _url("reports:complaints-report-edit", cast),
        {
            "learning": "Damp and mould cases took too long.",
            "improvements": "A surveyor within 10 working days.",
            "governing_body_response": "The committee welcomes the report.",
            "ombudsman_determinations": "2",
            "ombudsman_maladministration": "1",
            "ombudsman_notes": "One service failure.",
        },
    )

    assert response.status_code == 302
    page = client.get(_url("reports:complaints-report", cast)).content.decode()
    assert "Damp and mould cases took too long." in page
    assert "2,000 per 1,000 homes" in page
    assert "3 of 4 (75%)" in page


def test_a_negative_count_of_determinations_is_refused(cast, client_as):
    response = client_as(cast.people["committee"]).post(
        _url("reports:complaints-report-edit", cast),
        {"learning": "Kept", "ombudsman_determinations": "-1"},
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert "Ombudsman determinations" in page
    assert "Kept" in page


def test_approval_keeps_the_figures_as_they_stood(cast, client_as):
    made = make_complaints(cast)
    client = client_as(cast.people["committee"])

    response = client.post(
        _url("reports:complaints-approve", cast),
        {"approved_on": "2026-06-18", "minute_reference": "C 2026/7"},
    )

    assert response.status_code == 302
    year = ComplaintsYear.objects.get()
    assert (year.status, year.minute_reference) == ("approved", "C 2026/7")
    assert year.figures["measures"]["CH01-1"]["top"] == 4
    made["C"].delete()  # a record corrected after approval
    page = client.get(_url("reports:complaints-report", cast)).content.decode()
    assert "Approved by the governing body on 18 June 2026, minute C 2026/7." in page
    assert "2 of 4 (50%)" in page  # still the approved figures


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"approved_on": "2099-01-01", "minute_reference": "C1"}, "must be today or in the past"),
        ({"approved_on": "2025-03-01", "minute_reference": "C1"}, "on or after 01/04/2025"),
        ({"approved_on": "not a date", "minute_reference": "C1"}, "date approved"),
        ({"approved_on": "2026-06-18", "minute_reference": ""}, "minute reference"),
    ],
)
def test_bad_approvals_are_refused_with_the_field_named(cast, client_as, data, message):
    response = client_as(cast.people["committee"]).post(
        _url("reports:complaints-approve", cast), data
    )

    assert response.status_code == 400
    assert message.lower() in response.content.decode().lower()
    assert not ComplaintsYear.objects.exclude(status="draft").exists()


def test_publishing_needs_approval_and_the_governing_bodys_response(cast):
    with pytest.raises(ValidationError, match="must approve"):
        services.publish(organisation=cast.tmo, year=2025, by=None)
    _approve(cast)
    with pytest.raises(ValidationError, match="governing body's response"):
        services.publish(organisation=cast.tmo, year=2025, by=None)


def test_an_approved_year_cannot_change(cast, client_as):
    _approve(cast)

    with pytest.raises(ValidationError):
        services.save_report(organisation=cast.tmo, year=2025, values={"learning": "x"}, by=None)
    response = client_as(cast.people["staff"]).get(_url("reports:complaints-report-edit", cast))
    assert response.status_code == 302


def test_services_refuse_those_the_rules_refuse(cast):
    with pytest.raises(PermissionDenied):
        services.answer_provision(
            organisation=cast.tmo, year=2025, code="1.2", complies="yes", evidence="",
            explanation="", action="", by=cast.people["resident"],
        )  # fmt: skip
    with pytest.raises(PermissionDenied):
        _approve(cast, by=cast.people["staff"])


def test_a_resident_reads_it_once_published(cast, client_as):
    services.save_report(
        organisation=cast.tmo,
        year=2025,
        values={"governing_body_response": "Accepted in full."},
        by=None,
    )
    client = client_as(cast.people["resident"])
    assert (
        "not published yet" in client.get(_url("reports:complaints-report", cast)).content.decode()
    )
    _approve(cast)
    services.publish(organisation=cast.tmo, year=2025, by=None)

    page = client.get(_url("reports:complaints-report", cast)).content.decode()

    assert "Accepted in full." in page
    assert "Write the report" not in page


# Queries asked by each page at the same data, with the draft's figures worked out and then as
# kept (`selectors.FIGURES_KEPT_FOR`): none grows with the number of complaints.
QUERIES = {
    "reports:complaints-self-assessment": (21, 6),
    "reports:complaints-report": (21, 6),
    "reports:complaints-provision": (21, 6),
}


@pytest.mark.parametrize("name", QUERIES)
def test_queries_per_page(cast, client_as, django_assert_num_queries, name):
    make_complaints(cast)
    client = client_as(cast.people["committee"])
    url = _url(name, cast, "6.2") if name.endswith("provision") else _url(name, cast)
    client.get(url)  # sessions and caches warmed
    worked_out, kept = QUERIES[name]

    cache.delete(selectors.figures_key(cast.tmo, 2025, timezone.localdate()))
    with django_assert_num_queries(worked_out):
        assert client.get(url).status_code == 200
    with django_assert_num_queries(kept):
        assert client.get(url).status_code == 200


def test_a_drafts_figures_are_kept_and_approval_works_them_out_afresh(cast, client_as):
    make_complaints(cast)
    client = client_as(cast.people["committee"])
    url = _url("reports:complaints-report", cast)
    before = client.get(url).context["figures"]
    ComplaintFactory(organisation=cast.tmo, received_on=date(2025, 6, 2))

    assert client.get(url).context["figures"] == before  # as worked out a moment ago
    assert "worked out again every ten minutes" in client.get(url).content.decode()
    _approve(cast)
    approved = client.get(url).context["figures"]
    assert approved["measures"]["CH01-1"]["top"] == before["measures"]["CH01-1"]["top"] + 1


def test_the_years_page_queries(cast, client_as, django_assert_num_queries):
    client = client_as(cast.people["committee"])
    url = reverse("reports:complaints-years", args=[cast.tmo.slug])
    client.get(url)

    with django_assert_num_queries(6):
        assert client.get(url).status_code == 200


def _pdf_text(response) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)


def test_the_pdfs_say_what_the_pages_say(cast, client_as):
    make_complaints(cast)
    services.answer_provision(
        organisation=cast.tmo, year=2025, code="6.3", complies="yes",
        evidence="Answers tracked weekly", explanation="", action="", by=None,
    )  # fmt: skip
    services.save_report(
        organisation=cast.tmo,
        year=2025,
        values={
            "learning": "Residents wanted appointment times.",
            "governing_body_response": "Agreed.",
        },
        by=None,
    )
    client = client_as(cast.people["committee"])

    self_assessment = client.get(_url("reports:complaints-self-assessment-pdf", cast))
    report = client.get(_url("reports:complaints-report-pdf", cast))

    assert self_assessment["Content-Type"] == "application/pdf"
    text = _pdf_text(self_assessment)
    assert "Complaint Handling Code self-assessment 2025/26" in text
    assert "Answers tracked weekly" in text
    assert "Provision 6.2" in text
    text = " ".join(_pdf_text(report).split())  # a table cell may wrap
    assert "Complaints performance and service improvement report 2025/26" in text
    assert "Residents wanted appointment times." in text
    assert "3 of 4 (75%)" in text


def test_the_pages_and_pdf_are_in_welsh(cast, client_as):
    client = client_as(cast.people["committee"])
    client.post("/language/", {"language": "cy", "next": "/"})

    page = client.get(_url("reports:complaints-report", cast)).content.decode()
    assert "Adroddiad perfformiad cwynion a gwella gwasanaethau 2025/26" in page
    page = client.get(_url("reports:complaints-self-assessment", cast)).content.decode()
    assert "Hunanasesiad y Cod Ymdrin â Chwynion 2025/26" in page
    assert "Caiff cwyn cam 1 ei chydnabod" in page  # provision 6.2
    text = _pdf_text(client.get(_url("reports:complaints-self-assessment-pdf", cast)))
    assert "Darpariaeth 6.2" in text

"""The staff pages for service records: lists and their filters, a record, its forms."""

from datetime import date, datetime
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils.html import escape

from tenantry.core import paging
from tenantry.core.deadlines import LONDON
from tenantry.homes.tests.factories import (
    CoverageFactory,
    EstateFactory,
    HomeFactory,
    HouseholdFactory,
)
from tenantry.records.models import (
    Complaint,
    EstateInspection,
    RentPeriod,
    Repair,
    RepairPriority,
)
from tenantry.records.tests import factories
from tenantry.records.views.staff import KINDS

pytestmark = pytest.mark.django_db

FACTORIES = {
    "repairs": factories.RepairFactory,
    "voids": factories.VoidFactory,
    "rent": factories.RentPeriodFactory,
    "complaints": factories.ComplaintFactory,
    "asb": factories.AsbCaseFactory,
    "safety-checks": factories.SafetyCheckFactory,
    "decent-homes": factories.DecentHomesStatusFactory,
    "inspections": factories.EstateInspectionFactory,
}


def london(*args: int) -> datetime:
    return datetime(*args, tzinfo=LONDON)


def _url(name: str, cast, kind: str = "repairs", **kwargs) -> str:
    return reverse(f"services:{name}", kwargs={"slug": cast.tmo.slug, "kind": kind, **kwargs})


def _staff(client_as, cast):
    return client_as(cast.people["staff"])


def _urgent(cast) -> RepairPriority:
    return factories.RepairPriorityFactory(
        landlord=cast.landlord, code="U", name="Urgent", target_amount=5, target_unit="working_days"
    )


def test_every_kind_has_a_factory_a_form_and_a_page():
    assert set(KINDS) == set(FACTORIES)


@pytest.mark.parametrize("kind", list(FACTORIES))
def test_each_kinds_list_record_and_forms_open_for_staff(cast, client_as, kind):
    record = FACTORIES[kind](organisation=cast.tmo)
    client = _staff(client_as, cast)
    for url in (
        _url("record-list", cast, kind),
        _url("record", cast, kind, pk=record.pk),
        _url("create-record", cast, kind),
        _url("edit-record", cast, kind, pk=record.pk),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert record.reference in response.content.decode() or url.endswith("/new/")


def test_index_counts_each_kind_of_record(cast, client_as):
    for _ in range(3):
        factories.RepairFactory(organisation=cast.tmo, home=cast.home)
    factories.RepairFactory(organisation=cast.other_tmo)
    page = _staff(client_as, cast).get(reverse("services:records", args=[cast.tmo.slug]))
    repairs_row = page.content.decode().split("Repairs</a>")[1].split("</tr>")[0]
    assert ">3<" in repairs_row


def test_index_counts_as_far_as_a_list_does_and_says_there_are_more(cast, client_as, monkeypatch):
    from tenantry.core import paging

    monkeypatch.setattr(paging, "CAP", 2)  # as a landlord's million repairs against 10,000
    for _ in range(3):
        factories.RepairFactory(organisation=cast.tmo, home=cast.home)
    factories.ComplaintFactory(organisation=cast.tmo, home=cast.home)
    html = _staff(client_as, cast).get(reverse("services:records", args=[cast.tmo.slug]))
    html = html.content.decode()
    repairs = html.split("Repairs</a>")[1].split("</tr>")[0]
    assert '<span aria-hidden="true">2+</span>' in repairs and ">More than 2<" in repairs
    assert ">1<" in html.split("Complaints</a>")[1].split("</tr>")[0]


def test_navigation_has_a_services_section_for_those_who_see_records(cast, client_as):
    url = reverse("services:records", args=[cast.tmo.slug])
    home = reverse("reports:organisation-home", args=[cast.tmo.slug])
    assert url in client_as(cast.people["inspector"]).get(home).content.decode()
    assert url not in client_as(cast.people["resident"]).get(home).content.decode()


# --- lists ------------------------------------------------------------------------------------


def test_list_shows_only_this_organisations_records(cast, client_as):
    ours = factories.RepairFactory(organisation=cast.tmo, home=cast.home, reference="OURS-1")
    factories.RepairFactory(organisation=cast.other_tmo, reference="THEIRS-1")
    page = _staff(client_as, cast).get(_url("record-list", cast)).content.decode()
    assert ours.reference in page
    assert "THEIRS-1" not in page


def test_a_list_row_links_its_record_escapes_what_was_typed_and_shows_its_target(cast, client_as):
    cast.home.address = "1 <Elm> & Ash"
    cast.home.save()
    priority = _urgent(cast)
    priority.name = "Urgent <b>"
    priority.save()
    repair = factories.RepairFactory(
        organisation=cast.tmo,
        home=cast.home,
        reference="R<1>",
        priority=priority,
        status=Repair.Status.COMPLETED,
        completed_at=london(2026, 1, 2, 11),
    )
    page = _staff(client_as, cast).get(_url("record-list", cast)).content.decode()
    row = page.split('<tbody class="govuk-table__body">')[1].split("</tbody>")[0]
    link = _url("record", cast, pk=repair.pk)
    assert (
        f'<td class="govuk-table__cell"><a class="govuk-link govuk-!-font-weight-bold" '
        f'href="{link}">R&lt;1&gt;</a><br>{escape(str(cast.home))}'
        '<br><span class="govuk-hint govuk-!-font-size-16 govuk-!-margin-bottom-0">'
        "Urgent &lt;b&gt; · " in row
    )
    assert '<td class="govuk-table__cell">19 Dec 2025</td>' in row
    assert '<td class="govuk-table__cell"><strong class="govuk-tag govuk-tag--red">' in row
    assert "Missed by 2 working days</strong></td>" in row
    assert "1 &lt;Elm&gt; &amp; Ash" in escape(str(cast.home))
    assert "<Elm>" not in row and "<b>" not in row


def test_list_filters_by_estate(cast, client_as):
    elsewhere = EstateFactory(landlord=cast.landlord, name="Riverside")
    other_home = HomeFactory(estate=elsewhere)
    CoverageFactory(agreement=cast.agreement, home=other_home)
    factories.RepairFactory(organisation=cast.tmo, home=cast.home, reference="KINGSMEAD-1")
    factories.RepairFactory(organisation=cast.tmo, home=other_home, reference="RIVERSIDE-1")
    page = (
        _staff(client_as, cast)
        .get(_url("record-list", cast), {"estate": elsewhere.pk})
        .content.decode()
    )
    assert "RIVERSIDE-1" in page and "KINGSMEAD-1" not in page
    assert "1 record matches" in page


def test_list_filters_by_status_and_priority(cast, client_as):
    urgent = _urgent(cast)
    routine = factories.RepairPriorityFactory(
        landlord=cast.landlord, code="R", name="Routine", target_amount=20
    )
    factories.RepairFactory(
        organisation=cast.tmo, home=cast.home, priority=urgent, reference="URGENT-OPEN"
    )
    factories.RepairFactory(
        organisation=cast.tmo, home=cast.home, priority=routine, reference="ROUTINE-OPEN"
    )
    factories.RepairFactory(
        organisation=cast.tmo,
        home=cast.home,
        priority=urgent,
        reference="URGENT-DONE",
        status=Repair.Status.COMPLETED,
        completed_at=london(2025, 12, 22, 10),
    )
    page = (
        _staff(client_as, cast)
        .get(_url("record-list", cast), {"status": "open", "priority": urgent.pk})
        .content.decode()
    )
    assert "URGENT-OPEN" in page
    assert "ROUTINE-OPEN" not in page and "URGENT-DONE" not in page


@pytest.mark.parametrize(
    ("period", "shown"),
    [
        # Q3 is October to December, whole days in England: 00:30 on 1 October (BST) is in,
        # 23:30 on 31 December is in, 00:10 on 1 January is not.
        ("2025/26 Q3", {"FIRST-OCT", "LAST-DEC"}),
        ("2025/26 Q4", {"FIRST-JAN"}),
        ("2025/26", {"FIRST-OCT", "LAST-DEC", "FIRST-JAN"}),
        ("December 2025", {"LAST-DEC"}),
        ("2024/25", set()),
    ],
)
def test_list_filters_by_financial_year_quarter_or_month(cast, client_as, period, shown):
    for reference, reported_at in {
        "FIRST-OCT": london(2025, 10, 1, 0, 30),
        "LAST-DEC": london(2025, 12, 31, 23, 30),
        "FIRST-JAN": london(2026, 1, 1, 0, 10),
    }.items():
        factories.RepairFactory(
            organisation=cast.tmo, home=cast.home, reference=reference, reported_at=reported_at
        )
    response = _staff(client_as, cast).get(_url("record-list", cast), {"period": period})
    page = response.content.decode()
    found = {ref for ref in ("FIRST-OCT", "LAST-DEC", "FIRST-JAN") if ref in page}
    assert found == shown


def test_date_fields_filter_by_period_too(cast, client_as):
    factories.ComplaintFactory(
        organisation=cast.tmo, reference="C-SEPT", received_on=date(2025, 9, 30)
    )
    factories.ComplaintFactory(
        organisation=cast.tmo, reference="C-OCT", received_on=date(2025, 10, 1)
    )
    page = (
        _staff(client_as, cast)
        .get(_url("record-list", cast, "complaints"), {"period": "2025/26 Q3"})
        .content.decode()
    )
    assert "C-OCT" in page and "C-SEPT" not in page


def test_complaints_filter_by_stage_they_are_open_at(cast, client_as):
    factories.ComplaintFactory(organisation=cast.tmo, reference="OPEN-ONE")
    factories.ComplaintFactory(
        organisation=cast.tmo,
        reference="OPEN-TWO",
        stage1_responded_on=date(2025, 12, 10),
        escalated_on=date(2025, 12, 15),
    )
    factories.ComplaintFactory(
        organisation=cast.tmo, reference="ANSWERED", stage1_responded_on=date(2025, 12, 10)
    )
    client = _staff(client_as, cast)
    url = _url("record-list", cast, "complaints")
    stage_2 = client.get(url, {"status": "open-2"}).content.decode()
    answered = client.get(url, {"status": "answered"}).content.decode()
    assert "OPEN-TWO" in stage_2 and "OPEN-ONE" not in stage_2 and "ANSWERED" not in stage_2
    assert "ANSWERED" in answered and "OPEN-ONE" not in answered


def test_overdue_repairs_filter_matches_the_overview(cast, client_as):
    urgent = _urgent(cast)
    factories.RepairFactory(
        organisation=cast.tmo,
        home=cast.home,
        priority=urgent,
        reference="LONG-AGO",
        reported_at=london(2024, 1, 8, 9),
    )
    factories.RepairFactory(
        organisation=cast.tmo, home=cast.home, priority=urgent, reference="JUST-NOW",
        reported_at=datetime.now(tz=LONDON),
    )  # fmt: skip
    page = (
        _staff(client_as, cast)
        .get(_url("record-list", cast), {"status": "overdue"})
        .content.decode()
    )
    assert "LONG-AGO" in page and "JUST-NOW" not in page


def test_a_filter_that_makes_no_sense_is_an_error_not_a_crash(cast, client_as):
    other_estate = EstateFactory()  # another landlord's
    response = _staff(client_as, cast).get(
        _url("record-list", cast), {"estate": other_estate.pk, "period": "2025/26 Q9"}
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem with the filter" in page


def test_list_is_paginated_by_50_and_the_filter_survives_paging(cast, client_as):
    for n in range(55):
        factories.RepairFactory(
            organisation=cast.tmo, home=cast.home, reported_at=london(2025, 11, 1, 9, n)
        )
    client = _staff(client_as, cast)
    first = client.get(_url("record-list", cast), {"status": "open"})
    second = client.get(_url("record-list", cast), {"status": "open", "page": 2})
    assert len(first.context["rows"]) == 50
    assert len(second.context["rows"]) == 5
    assert "?status=open&amp;page=2" in first.content.decode()


@pytest.mark.parametrize("kind", list(FACTORIES))
def test_a_list_takes_the_same_queries_for_3_records_as_for_a_full_page(
    cast, client_as, django_assert_num_queries, kind
):
    make = FACTORIES[kind]
    for _ in range(3):
        make(organisation=cast.tmo)
    client = _staff(client_as, cast)
    url = _url("record-list", cast, kind)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(60):
        make(organisation=cast.tmo)
    with django_assert_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert len(response.context["rows"]) == 50


def test_repair_list_takes_nine_queries(cast, client_as, django_assert_num_queries):
    urgent = _urgent(cast)
    for _ in range(60):
        factories.RepairFactory(organisation=cast.tmo, home=cast.home, priority=urgent)
    client = _staff(client_as, cast)
    url = _url("record-list", cast)
    client.get(url)
    # session, user, organisation (with the services its agreements delegate today), roles;
    # count, page of repairs (with home, block, priority); estates and priorities for the filter;
    # the count of new reports beside "New repair reports" in a staff member's menu.
    with django_assert_num_queries(9):
        client.get(url)


# --- one record -------------------------------------------------------------------------------


def test_another_organisations_record_is_a_404_like_a_missing_one(cast, client_as):
    theirs = factories.RepairFactory(organisation=cast.other_tmo)
    client = _staff(client_as, cast)
    assert client.get(_url("record", cast, pk=theirs.pk)).status_code == 404
    assert client.get(_url("edit-record", cast, pk=theirs.pk)).status_code == 404
    assert client.get(_url("record", cast, pk=999_999)).status_code == 404


def test_an_unknown_kind_of_record_is_a_404(cast, client_as):
    assert _staff(client_as, cast).get(_url("record-list", cast, "parking")).status_code == 404


def test_a_repair_shows_its_timeline_and_whether_it_met_its_target(cast, client_as):
    repair = factories.RepairFactory(
        organisation=cast.tmo,
        home=cast.home,
        priority=_urgent(cast),
        reported_at=london(2025, 12, 19, 10),
        appointment_at=london(2025, 12, 23, 9),
        appointment_kept=True,
        status=Repair.Status.COMPLETED,
        completed_at=london(2026, 1, 2, 11),
    )
    page = _staff(client_as, cast).get(_url("record", cast, pk=repair.pk)).content.decode()
    timeline = page.split("Timeline")[1]
    assert timeline.index("Reported") < timeline.index("Appointment") < timeline.index("Completed")
    assert "Fri 19 Dec 2025, 10:00" in timeline
    assert 'Due by <time datetime="2025-12-30">Tue 30 Dec 2025</time>' in page
    assert 'govuk-tag--red">Missed by 2 working days</strong>' in page
    assert cast.home.address in page


def test_a_void_shows_its_relet_time_by_the_agreements_definition(cast, client_as):
    cast.agreement.void_clock_starts = "keys_returned"
    cast.agreement.save()
    void = factories.VoidFactory(
        organisation=cast.tmo,
        home=cast.home,
        tenancy_ended_on=date(2025, 11, 3),
        keys_returned_on=date(2025, 11, 10),
        new_tenancy_started_on=date(2025, 12, 1),
    )
    page = _staff(client_as, cast).get(_url("record", cast, "voids", pk=void.pk)).content.decode()
    assert "20 calendar days" in page  # strictly between 10 Nov and 1 Dec, not 28 or 21
    assert page.index("Tenancy ended") < page.index("Keys returned") < page.index("New tenancy")


def test_committee_see_a_record_but_not_the_button_to_change_it(cast, client_as):
    repair = factories.RepairFactory(organisation=cast.tmo, home=cast.home)
    page = client_as(cast.people["committee"]).get(_url("record", cast, pk=repair.pk))
    assert page.status_code == 200
    assert "Change this record" not in page.content.decode()


# --- forms ------------------------------------------------------------------------------------


def _repair_form(cast, **changes) -> dict:
    data = {
        "reference": "",
        "home_reference": cast.home.reference,
        "kind": "responsive",
        "priority": _urgent(cast).pk,
        "trade": "plumbing",
        "description": "Kitchen tap drips",
        "status": "open",
        "reported_at": "2025-12-19T10:00",
        "appointment_kept": "",
        "right_first_time": "",
        "hazard": "",
    }
    return data | changes


def test_staff_record_a_repair_to_a_home_by_its_property_reference(cast, client_as):
    response = _staff(client_as, cast).post(_url("create-record", cast), _repair_form(cast))
    repair = Repair.objects.get(organisation=cast.tmo)
    assert response.status_code == 302
    assert response.url == _url("record", cast, pk=repair.pk)
    assert (repair.reference, repair.home, repair.reported_at) == (
        "REP-000001",
        cast.home,
        london(2025, 12, 19, 10, 0),
    )


def test_a_home_the_organisation_does_not_manage_is_refused_and_what_was_typed_is_kept(
    cast, client_as
):
    not_ours = HomeFactory(estate=cast.estate, reference="P9999999")  # not under the agreement
    data = _repair_form(cast, home_reference=not_ours.reference, description="Leaking roof")
    response = _staff(client_as, cast).post(_url("create-record", cast), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert "No home managed by Kingsmead TMO has the property reference P9999999" in page
    assert 'value="P9999999"' in page and "Leaking roof" in page
    assert not Repair.objects.exists()


def test_a_repair_needs_a_home_or_a_block(cast, client_as):
    response = _staff(client_as, cast).post(
        _url("create-record", cast), _repair_form(cast, home_reference="")
    )
    assert (
        "Enter the property reference of the home, or choose a block" in response.content.decode()
    )


def test_only_the_landlords_own_repair_priorities_can_be_chosen(cast, client_as):
    someone_elses = factories.RepairPriorityFactory(code="X")  # another landlord's scheme
    response = _staff(client_as, cast).post(
        _url("create-record", cast), _repair_form(cast, priority=someone_elses.pk)
    )
    assert response.status_code == 200
    assert "Select the priority from the list" in response.content.decode()
    assert not Repair.objects.exists()


def test_a_completed_repair_needs_its_completion_time(cast, client_as):
    response = _staff(client_as, cast).post(
        _url("create-record", cast), _repair_form(cast, status="completed")
    )
    assert "Enter when the repair was completed" in response.content.decode()


def test_without_a_repairs_scheme_the_repair_form_says_so_plainly(cast, client_as):
    page = _staff(client_as, cast).get(_url("create-record", cast)).content.decode()
    assert "Northbrook Council has not set up its repair priorities" in page
    assert '<form method="post"' not in page


def test_staff_correct_a_repair_and_its_reference_must_stay_unique(cast, client_as):
    factories.RepairFactory(organisation=cast.tmo, home=cast.home, reference="TAKEN")
    repair = factories.RepairFactory(
        organisation=cast.tmo, home=cast.home, priority=_urgent(cast), reference="MINE"
    )
    client = _staff(client_as, cast)
    url = _url("edit-record", cast, pk=repair.pk)
    data = _repair_form(cast, reference="TAKEN", priority=repair.priority_id)
    assert (
        "There is already a repair with this reference" in client.post(url, data).content.decode()
    )
    client.post(url, data | {"reference": "MINE", "status": "completed",
                             "completed_at": "2025-12-22T15:30"})  # fmt: skip
    repair.refresh_from_db()
    assert (repair.status, repair.completed_at) == ("completed", london(2025, 12, 22, 15, 30))


def test_another_landlords_officer_cannot_post_to_the_form(cast, client_as):
    response = client_as(cast.people["other_landlord_officer"]).post(
        _url("create-record", cast), _repair_form(cast)
    )
    assert response.status_code == 404
    assert (
        client_as(cast.people["inspector"])
        .post(_url("create-record", cast), _repair_form(cast))
        .status_code
        == 403
    )
    assert not Repair.objects.exists()


def test_rent_is_recorded_against_a_tenancy_by_its_reference(cast, client_as):
    household = cast.home.households.get()
    data = {
        "tenancy_reference": household.reference,
        "starts_on": "2025-10-06",
        "ends_on": "2025-10-19",
        "arrears_brought_forward": "40.00",
        "rent_due": "210.00",
        "collected": "150.00",
        "written_off": "0",
        "arrears_carried_forward": "100.00",
    }
    client = _staff(client_as, cast)
    wrong = client.post(
        _url("create-record", cast, "rent"), data | {"arrears_carried_forward": "90"}
    )
    assert "Should be 100.00" in wrong.content.decode()
    client.post(_url("create-record", cast, "rent"), data)
    period = RentPeriod.objects.get()
    assert (period.household, period.arrears_carried_forward) == (household, Decimal("100.00"))


def test_a_tenancy_of_a_home_not_managed_is_refused(cast, client_as):
    elsewhere = HouseholdFactory(reference="T-ELSEWHERE")
    response = _staff(client_as, cast).post(
        _url("create-record", cast, "rent"),
        {"tenancy_reference": elsewhere.reference, "starts_on": "2025-10-06"},
    )
    assert "No tenancy of a home managed by Kingsmead TMO" in response.content.decode()


def test_a_complaint_cannot_have_stage_2_dates_without_an_escalation(cast, client_as):
    response = _staff(client_as, cast).post(
        _url("create-record", cast, "complaints"),
        {
            "category": "repairs",
            "received_on": "2025-12-01",
            "stage1_extension_days": "0",
            "stage2_extension_days": "0",
            "stage2_acknowledged_on": "2025-12-20",
        },
    )
    assert "Enter when the complaint was escalated to stage 2" in response.content.decode()
    assert not Complaint.objects.exists()


def test_a_complaint_extension_beyond_the_code_is_refused(cast, client_as):
    response = _staff(client_as, cast).post(
        _url("create-record", cast, "complaints"),
        {"category": "repairs", "received_on": "2025-12-01", "stage1_extension_days": "11",
         "stage2_extension_days": "0"},
    )  # fmt: skip
    assert "Stage 1 extension (working days) must be 10 or less" in response.content.decode()


# --- inspection photos -------------------------------------------------------------------------


def _inspection_form(cast, **extra):
    return {
        "reference": "EI-PHOTO",
        "estate": cast.estate.pk,
        "inspected_on": "14/10/2025",
        "inspector_name": "Pat Inspector",
        "inspector_kind": "tenant",
        "cleanliness": "4",
        "litter": "4",
        "graffiti": "5",
        "lighting": "3",
        **extra,
    }


def test_staff_attach_a_photo_to_an_inspection_and_see_it_on_the_record(cast, client_as):
    client = client_as(cast.people["staff"])
    photo = SimpleUploadedFile("play-area.png", b"\x89PNG\r\n\x1a\nfake", content_type="image/png")
    response = client.post(
        reverse("services:create-record", args=[cast.tmo.slug, "inspections"]),
        _inspection_form(cast, photo=photo),
    )
    inspection = EstateInspection.objects.get(reference="EI-PHOTO")
    assert response.status_code == 302
    photo_url = reverse("services:inspection-photo", args=[cast.tmo.slug, inspection.pk])
    page = client.get(response.url).content.decode()
    assert photo_url in page
    served = client.get(photo_url)
    assert served.status_code == 200
    assert b"".join(served.streaming_content) == b"\x89PNG\r\n\x1a\nfake"


def test_a_photo_that_is_not_a_picture_is_refused_and_the_rest_kept(cast, client_as):
    client = client_as(cast.people["staff"])
    response = client.post(
        reverse("services:create-record", args=[cast.tmo.slug, "inspections"]),
        _inspection_form(cast, photo=SimpleUploadedFile("notes.exe", b"MZ")),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "The photo must be a JPEG, PNG or WebP picture" in page
    assert 'value="Pat Inspector"' in page


def test_the_estate_select_offers_the_organisations_estates_keeps_the_choice_and_refuses_another(
    cast, client_as
):
    EstateFactory(landlord=cast.landlord, name="Abbey Fields <North>")  # no homes the TMO runs
    elsewhere = EstateFactory(name="Far Estate")  # another landlord's
    client = client_as(cast.people["staff"])
    url = reverse("services:create-record", args=[cast.tmo.slug, "inspections"])

    options = client.get(url).content.decode().split('name="estate"')[1].split("</select>")[0]
    assert options.index('<option value="" selected>Choose an estate</option>') < options.index(
        f'<option value="{cast.estate.pk}">{cast.estate.name}</option>'
    )
    assert "Abbey Fields" not in options and "Far Estate" not in options

    refused = client.post(url, _inspection_form(cast, estate=elsewhere.pk))
    assert refused.status_code == 200 and not EstateInspection.objects.exists()
    kept = client.post(url, _inspection_form(cast, inspector_name=""))
    options = kept.content.decode().split('name="estate"')[1].split("</select>")[0]
    assert f'<option value="{cast.estate.pk}" selected>{cast.estate.name}</option>' in options


def test_an_inspection_without_a_photo_has_no_photo_page(cast, client_as):
    inspection = factories.EstateInspectionFactory(organisation=cast.tmo)
    response = client_as(cast.people["staff"]).get(
        reverse("services:inspection-photo", args=[cast.tmo.slug, inspection.pk])
    )
    assert response.status_code == 404


# Session, user, organisation (with the services its agreements delegate today), roles; the
# count (to `core.paging.CAP`) and the page of records with what a row shows; the estates for the
# filter; the count beside "New repair reports" in a staff member's menu. Then each kind's own:
LIST_QUERIES = {
    "repairs": 9,  # the repair priorities for the filter
    # The agreement in force, whose void clock the note above the list explains; the agreements
    # each void on the page is timed by (`voids.mark_clock`).
    "voids": 10,
    "rent": 8,
    "complaints": 8,
    "asb": 8,
    # The requirements in force at the page's homes and blocks, and their checks carried out
    # lately: which checks not done are covered by a valid one (`safety.mark_cover`).
    "safety-checks": 10,
    "decent-homes": 8,
    "inspections": 8,
}


@pytest.mark.parametrize("kind", list(LIST_QUERIES))
def test_each_list_takes_a_fixed_number_of_queries(
    cast, client_as, django_assert_num_queries, kind
):
    if kind == "repairs":
        _urgent(cast)
    for _ in range(60):
        FACTORIES[kind](organisation=cast.tmo)
    client = _staff(client_as, cast)
    url = _url("record-list", cast, kind)
    client.get(url)
    with django_assert_num_queries(LIST_QUERIES[kind]):
        response = client.get(url)
    assert len(response.context["rows"]) == 50


def test_a_list_longer_than_the_cap_says_more_than_and_offers_pages_up_to_it(
    cast, client_as, monkeypatch
):
    monkeypatch.setattr(paging, "CAP", 60)
    for n in range(70):
        factories.RepairFactory(
            organisation=cast.tmo, home=cast.home, reported_at=london(2025, 11, 1, 9, n % 60)
        )
    client = _staff(client_as, cast)
    first = client.get(_url("record-list", cast), {"status": "open"}).content.decode()
    assert "More than 60 records match" in first
    assert 'href="?status=open&amp;page=2"' in first  # a numbered link, the filter kept
    assert "Only the first 60 are listed page by page" in first
    last = client.get(_url("record-list", cast), {"status": "open", "page": 9})
    assert last.context["page"].number == 2  # the last page offered: 60 rows, 50 to a page
    assert len(last.context["rows"]) == 10


def test_a_list_within_the_cap_gives_its_exact_count(cast, client_as):
    for _ in range(3):
        factories.RepairFactory(organisation=cast.tmo, home=cast.home)
    page = _staff(client_as, cast).get(_url("record-list", cast)).content.decode()
    assert "3 records" in page
    assert "More than" not in page and "listed page by page" not in page


def test_the_block_select_offers_the_organisations_blocks_by_name_and_refuses_another(
    cast, client_as
):
    from tenantry.homes.tests.factories import BlockFactory

    BlockFactory(estate=cast.estate, name="Oak House")
    ash = BlockFactory(estate=cast.estate, name="Ash & Elm <Court>")
    elsewhere = BlockFactory(name="Far Tower")  # another landlord's estate
    data = _repair_form(cast, home_reference="")  # the landlord's priorities set up
    client = _staff(client_as, cast)

    page = client.get(_url("create-record", cast)).content.decode()

    options = page.split('name="block"')[1].split("</select>")[0]
    assert options.index(">None<") < options.index("Ash &amp; Elm &lt;Court&gt; (Kingsmead")
    assert options.index("Ash &amp;") < options.index("Oak House (Kingsmead Estate)")
    assert "Far Tower" not in options
    refused = client.post(_url("create-record", cast), {**data, "block": elsewhere.pk})
    assert refused.status_code == 200 and not Repair.objects.exists()
    client.post(_url("create-record", cast), {**data, "block": ash.pk})
    assert Repair.objects.get().block == ash

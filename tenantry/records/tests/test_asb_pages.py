"""Anti-social behaviour on screen: residents report it online and follow their own report;
staff record reports, see a case with its reports and history, and link or split reports."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from tenantry.core.permissions import Role
from tenantry.core.tests.factories import UserFactory
from tenantry.homes.models import Home
from tenantry.homes.tests.factories import ResidentFactory
from tenantry.organisations.models import AuditEntry, DelegatedService
from tenantry.organisations.tests.factories import RoleFactory
from tenantry.records.asb_services import record_asb_report
from tenantry.records.models import AsbCase, AsbReport
from tenantry.records.tests.factories import AsbReportFactory

pytestmark = pytest.mark.django_db

REPORT = {
    "category": "noise",
    "where": "home",
    "what_happened": "Music through the wall until 3am, four nights this week.",
    "hate_incident": "no",
}


def url(cast, name: str, *args) -> str:
    return reverse(f"services:{name}", args=[cast.tmo.slug, *args])


def staff_report(cast, received_on, *, home=None, category="noise", **more) -> AsbReport:
    return record_asb_report(
        report=AsbReport(
            organisation=cast.tmo, home=home or cast.home, category=category,
            received_on=received_on, **more,
        ),
        by=cast.people["staff"],
    )  # fmt: skip


def neighbour(cast):
    """Another resident of the organisation, in the other home of the estate."""
    user = RoleFactory(role=Role.RESIDENT, organisation=cast.tmo, user=UserFactory()).user
    other = Home.objects.filter(estate=cast.estate).exclude(pk=cast.home.pk).get()
    ResidentFactory(household__home=other, user=user)
    return user


# --- residents --------------------------------------------------------------------------------


def test_a_resident_reports_anti_social_behaviour_online(cast, client_as):
    resident = cast.people["resident"]

    response = client_as(resident).post(url(cast, "report-my-asb"), REPORT)

    report = AsbReport.objects.get()
    assert response.status_code == 302
    assert response.url == url(cast, "my-asb-report-made", report.pk)
    assert (report.organisation, report.home, report.estate) == (cast.tmo, cast.home, cast.estate)
    assert (report.channel, report.reported_by, report.received_on) == (
        "online",
        resident,
        timezone.localdate(),
    )
    assert report.description == REPORT["what_happened"]
    assert report.case.opened_on == timezone.localdate()
    assert report.case.home == cast.home


def test_a_residents_report_about_the_estate_has_no_home(cast, client_as):
    client_as(cast.people["resident"]).post(
        url(cast, "report-my-asb"), REPORT | {"where": "estate", "hate_incident": "yes"}
    )

    report = AsbReport.objects.get()
    assert (report.home, report.estate, report.is_hate_incident) == (None, cast.estate, True)
    assert report.case.is_hate_incident is True


def test_a_residents_repeat_report_joins_the_case_staff_already_have_open(cast, client_as):
    opened = staff_report(cast, timezone.localdate(), reporter_name="Mr K Doyle")

    client_as(cast.people["resident"]).post(url(cast, "report-my-asb"), REPORT)

    mine = AsbReport.objects.get(reported_by=cast.people["resident"])
    assert mine.case == opened.case
    assert AsbCase.objects.count() == 1


def test_the_form_says_what_is_missing_and_keeps_what_was_typed(cast, client_as):
    response = client_as(cast.people["resident"]).post(
        url(cast, "report-my-asb"), {"what_happened": "Shouting on the stairs"}
    )

    page = response.content.decode()
    assert response.status_code == 200
    assert "Select what kind of behaviour it is" in page
    assert "Select where it is happening" in page
    assert "Shouting on the stairs" in page
    assert not AsbReport.objects.exists()


def test_the_resident_sees_their_report_is_dealt_with_but_not_other_reports(cast, client_as):
    staff_report(cast, timezone.localdate(), reporter_name="Mr K Doyle", description="SECRET")
    client = client_as(cast.people["resident"])
    client.post(url(cast, "report-my-asb"), REPORT)
    mine = AsbReport.objects.get(reported_by=cast.people["resident"])

    for page in (
        client.get(url(cast, "my-asb-report", mine.pk)).content.decode(),
        client.get(url(cast, "my-asb-reports")).content.decode(),
    ):
        assert "Being dealt with" in page
        assert "Mr K Doyle" not in page and "SECRET" not in page
        assert "ASBR-" not in page and mine.case.reference not in page

    AsbCase.objects.filter(pk=mine.case_id).update(closed_on=timezone.localdate())
    page = client.get(url(cast, "my-asb-report", mine.pk)).content.decode()
    assert "We closed this on" in page


def test_another_residents_report_is_hidden_even_in_the_same_case(cast, client_as):
    client_as(cast.people["resident"]).post(url(cast, "report-my-asb"), REPORT)
    mine = AsbReport.objects.get()
    other = client_as(neighbour(cast))

    for name in ("my-asb-report", "my-asb-report-made"):
        assert other.get(url(cast, name, mine.pk)).status_code == 404
    assert mine.reference not in other.get(url(cast, "my-asb-reports")).content.decode()


def test_the_organisations_history_does_not_name_the_resident_who_reported(cast, client_as):
    client_as(cast.people["resident"]).post(url(cast, "report-my-asb"), REPORT)

    entry = AuditEntry.objects.get(organisation=cast.tmo)
    assert entry.by is None
    assert cast.people["resident"].name not in entry.what + entry.detail


def test_residents_are_sent_to_the_landlord_when_the_organisation_does_not_deal_with_asb(
    cast, client_as
):
    services = [s for s in cast.agreement.services if s != DelegatedService.ASB]
    cast.agreement.services = services
    cast.agreement.save()
    client = client_as(cast.people["resident"])

    response = client.get(url(cast, "report-my-asb"))
    assert "does not deal with anti-social behaviour" in response.content.decode()
    client.post(url(cast, "report-my-asb"), REPORT)
    assert not AsbReport.objects.exists()


# --- staff ------------------------------------------------------------------------------------


def test_staff_record_a_repeat_report_and_are_told_it_joined_the_open_case(cast, client_as):
    first = staff_report(cast, date(2025, 6, 2))
    client = client_as(cast.people["staff"])

    response = client.post(
        url(cast, "create-record", "asb"),
        {
            "received_on": "16/06/2025", "channel": "phone", "reporter_name": "Mrs A Begum",
            "home_reference": cast.home.reference, "category": "noise",
            "description": "Again last night",
        },
        follow=True,
    )  # fmt: skip

    report = AsbReport.objects.exclude(pk=first.pk).get()
    assert report.case == first.case
    assert response.redirect_chain[-1][0] == url(cast, "record", "asb", first.case_id)
    page = response.content.decode()
    assert f"It joined {first.case.reference}" in page
    assert "2 reports" in page and "Mrs A Begum" in page


def test_the_staff_form_names_what_is_wrong(cast, client_as):
    response = client_as(cast.people["staff"]).post(
        url(cast, "create-record", "asb"), {"channel": "phone", "reporter_name": "Mrs A Begum"}
    )

    page = response.content.decode()
    assert "Enter the date the report was received" in page
    assert "Select the kind of behaviour" in page
    assert "Choose the estate, or enter the property reference" in page
    assert "Mrs A Begum" in page
    assert not AsbReport.objects.exists()


def test_the_committee_sees_the_case_and_its_reports_but_not_who_reported(cast, client_as):
    report = staff_report(cast, date(2025, 6, 2), reporter_name="Mrs A Begum")

    committee = client_as(cast.people["committee"]).get(url(cast, "record", "asb", report.case_id))
    staff = client_as(cast.people["staff"]).get(url(cast, "record", "asb", report.case_id))

    assert report.reference in committee.content.decode()
    assert "Mrs A Begum" not in committee.content.decode()
    assert "Mrs A Begum" in staff.content.decode()
    assert "Opened by report" in staff.content.decode()


def test_staff_link_a_report_by_the_case_reference(cast, client_as):
    first = staff_report(cast, date(2025, 6, 2))
    stray = staff_report(cast, date(2025, 6, 5), category="nuisance")
    client = client_as(cast.people["staff"])

    response = client.post(url(cast, "link-asb-report", stray.pk), {"case": "nowhere"})
    assert "No case of Kingsmead TMO has the reference nowhere" in response.content.decode()

    response = client.post(
        url(cast, "link-asb-report", stray.pk), {"case": first.case.reference.lower()}
    )
    assert response.status_code == 302
    assert AsbReport.objects.get(pk=stray.pk).case == first.case
    assert AsbCase.objects.count() == 1


def test_staff_split_a_report_out_into_a_new_case(cast, client_as):
    first = staff_report(cast, date(2025, 6, 2))
    second = staff_report(cast, date(2025, 6, 9))
    client = client_as(cast.people["staff"])

    assert (
        "only report" not in client.get(url(cast, "split-asb-report", second.pk)).content.decode()
    )
    response = client.post(url(cast, "split-asb-report", second.pk))

    new = AsbReport.objects.get(pk=second.pk).case
    assert new != first.case
    assert response.url == url(cast, "record", "asb", new.pk)
    alone = client.post(url(cast, "split-asb-report", first.pk))
    assert "This is the only report of" in alone.content.decode()


def test_another_organisations_report_is_a_404_to_staff(cast, client_as):
    theirs = AsbReportFactory(organisation=cast.other_tmo)
    client = client_as(cast.people["staff"])

    for name in ("asb-report", "link-asb-report", "split-asb-report", "edit-asb-report"):
        assert client.get(url(cast, name, theirs.pk)).status_code == 404
    assert client.get(url(cast, "record", "asb", theirs.case_id)).status_code == 404


def test_a_case_cannot_close_before_its_first_report(cast, client_as):
    report = staff_report(cast, date(2025, 6, 2))

    response = client_as(cast.people["staff"]).post(
        url(cast, "edit-record", "asb", report.case_id),
        {
            "reference": report.case.reference, "home_reference": cast.home.reference,
            "category": "noise", "closed_on": "01/06/2025",
        },
    )  # fmt: skip

    assert "Enter a closing date on or after 2 June 2025" in response.content.decode()
    assert AsbCase.objects.get().closed_on is None

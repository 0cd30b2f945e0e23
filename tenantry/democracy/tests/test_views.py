import csv
import io
from datetime import date, timedelta

from django.urls import reverse
from django.utils import timezone

from tenantry.democracy import services
from tenantry.democracy.models import CommitteeTerm, Membership, MemberStatus, SeatKind
from tenantry.democracy.tests.factories import CommitteeTermFactory, MembershipFactory
from tenantry.homes.tests.factories import HouseholdFactory, ResidentFactory

TODAY = timezone.localdate()


def _member(cast, resident, *, number):
    return MembershipFactory(
        organisation=cast.tmo, resident=resident, status="member", number=number,
        applied_on=date(2020, 1, 1), joined_on=date(2020, 1, 1),
    )  # fmt: skip


def _url(name, cast, *args):
    return reverse(f"democracy:{name}", args=[cast.tmo.slug, *args])


def test_a_resident_applies_from_their_account_and_sees_it(cast, client_as):
    client = client_as(cast.people["resident"])
    page = client.get(_url("my-membership", cast))
    assert "Become a member" in page.content.decode()

    page = client.post(_url("apply", cast), {"date_of_birth": "2031-01-01"})
    text = page.content.decode()
    assert "Your date of birth must be in the past" in text
    assert "Select" in text or "agree" in text  # the unticked agreement is named too
    assert 'value="2031-01-01"' in text  # what was typed is kept

    page = client.post(_url("apply", cast), {"agree": "on"}, follow=True)
    assert "Your application is with the committee to decide." in page.content.decode()
    membership = Membership.objects.get(resident__user=cast.people["resident"])
    assert membership.status == MemberStatus.APPLIED


def test_a_too_young_applicant_is_told_why(cast, client_as):
    client = client_as(cast.people["resident"])
    born = TODAY.replace(year=TODAY.year - 15)
    page = client.post(_url("apply", cast), {"agree": "on", "date_of_birth": born.isoformat()})
    assert "Members must be 16 or older." in page.content.decode()
    assert not Membership.objects.exists()


def test_a_member_leaves_from_their_account(cast, client_as):
    me = cast.people["resident"]
    membership = services.apply_for_membership(organisation=cast.tmo, by=me, resident=me.resident)
    services.approve_membership(membership=membership, by=cast.people["committee"])
    client = client_as(me)
    assert "Member number 1" in client.get(_url("my-membership", cast)).content.decode()
    page = client.post(_url("leave", cast), {"confirm": "on"}, follow=True)
    assert "You are no longer a member." in page.content.decode()
    membership.refresh_from_db()
    assert membership.status == MemberStatus.LEFT


def test_staff_key_in_a_paper_application_by_reference_and_name(cast, client_as):
    resident = ResidentFactory(household=HouseholdFactory(home=cast.home), name="Ada Okafor")
    client = client_as(cast.people["staff"])
    data = {
        "home": cast.home.reference.lower(), "name": "ada okafor", "joined_by": "paper",
        "applied_on": (TODAY - timedelta(days=3)).isoformat(),
    }  # fmt: skip
    wrong = client.post(_url("add-application", cast), {**data, "name": "Ada Smith"})
    assert "Nobody of that name lived at that home" in wrong.content.decode()
    page = client.post(_url("add-application", cast), data, follow=True)
    assert "The application is recorded." in page.content.decode()
    membership = Membership.objects.get(resident=resident)
    assert membership.joined_by == "paper"


def test_the_committee_approves_with_the_share_and_refuses_with_a_reason(cast, client_as):
    services.change_constitution(
        organisation=cast.tmo, by=None, values={"share_pence": 100}, seats={}
    )
    resident = ResidentFactory(household=HouseholdFactory(home=cast.home))
    membership = MembershipFactory(organisation=cast.tmo, resident=resident, applied_on=TODAY)
    client = client_as(cast.people["committee"])
    refused = client.post(
        _url("decide-member", cast, membership.pk), {"decision": "refuse", "on": TODAY}
    )
    assert "Enter why the application is refused" in refused.content.decode()
    client.post(
        _url("decide-member", cast, membership.pk),
        {"decision": "approve", "on": TODAY, "share": "1.00", "share_paid_on": TODAY},
    )
    membership.refresh_from_db()
    assert (membership.status, membership.number, membership.share_paid_pence) == (
        MemberStatus.MEMBER, 1, 100,
    )  # fmt: skip
    page = client.get(_url("member", cast, membership.pk)).content.decode()
    assert "£1.00" in page


def test_the_register_pages_in_a_fixed_number_of_queries(
    cast, client_as, django_assert_num_queries
):
    for n in range(30):
        resident = ResidentFactory(household=HouseholdFactory(home=cast.home))
        MembershipFactory(organisation=cast.tmo, resident=resident, status="member",
                          joined_on=date(2025, 2, 1), number=n + 1)  # fmt: skip
    client = client_as(cast.people["committee"])
    client.get(_url("register", cast))  # warm: the constitution, sessions
    with django_assert_num_queries(8):
        page = client.get(_url("register", cast))
    assert page.status_code == 200
    # 30 member households and the cast's own at 1 Mill Road; 3 Mill Road has no household.
    assert "30 of 31 households have at least one member" in page.content.decode()


def test_the_register_downloads_for_the_committee(cast, client_as):
    resident = ResidentFactory(household=HouseholdFactory(home=cast.home), name="=HYPERLINK()")
    MembershipFactory(organisation=cast.tmo, resident=resident, status="member",
                      joined_on=date(2025, 2, 1), number=7, share_paid_pence=100)  # fmt: skip
    response = client_as(cast.people["committee"]).get(_url("export-register", cast, "csv"))
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert rows[0][:2] == ["Membership number", "Name"]
    assert (
        rows[1][0] == "7" and rows[1][1] == "'=HYPERLINK()" and rows[1][9] == "1"
    )  # £1, a typed figure
    assert rows[1][2:6] == [cast.home.address, cast.home.postcode, cast.home.estate.name, "Member"]
    assert rows[1][8] == "2025-02-01" and rows[1][11:] == ["", ""]
    assert (
        client_as(cast.people["staff"]).get(_url("export-register", cast, "csv")).status_code == 403
    )
    xlsx = client_as(cast.people["committee"]).get(_url("export-register", cast, "xlsx"))
    assert xlsx.status_code == 200


def test_the_committee_page_lists_seats_holders_vacancies_and_who_retires(cast, client_as):
    services.constitution_of(cast.tmo)  # 8 tenant, 2 leaseholder, 1 co-opted, 1 landlord
    # Elected 400, 200 and 100 days ago: none near the end of a three-year term by the AGM.
    for n, ago in enumerate([400, 200, 100]):
        day = TODAY - timedelta(days=ago)
        resident = ResidentFactory(household=HouseholdFactory(home=cast.home), name=f"Tenant {n}")
        m = _member(cast, resident, number=n + 1)
        CommitteeTerm.objects.create(
            organisation=cast.tmo, kind=SeatKind.TENANT, how="elected", starts_on=day, membership=m
        )
    CommitteeTermFactory(organisation=cast.tmo, kind=SeatKind.LANDLORD_NOMINEE, name="Cllr Rao")
    page = client_as(cast.people["resident"]).get(_url("committee", cast)).content.decode()
    assert "4 of 12 seats are filled." in page and "8 are vacant." in page
    assert "Cllr Rao" in page
    # 3 elected: 1 retires, the longest in office since election.
    retiring = page[page.index("Retiring at the next AGM") :]
    assert "Tenant 0" in retiring and "Tenant 1" not in retiring


def test_the_committee_fills_a_seat_and_the_rules_hold(cast, client_as):
    resident = ResidentFactory(household=HouseholdFactory(home=cast.home), name="Lee Park")
    m = _member(cast, resident, number=1)
    client = client_as(cast.people["committee"])
    page = client.post(_url("add-committee-term", cast), {
        "kind": "leaseholder", "how": "elected", "starts_on": TODAY, "membership": m.pk,
    })  # fmt: skip
    assert "Only a leaseholder can hold a leaseholder seat" in page.content.decode()
    client.post(_url("add-committee-term", cast), {
        "kind": "tenant", "how": "elected", "starts_on": TODAY, "membership": m.pk,
    })  # fmt: skip
    term = CommitteeTerm.objects.get(membership=m)
    client.post(_url("end-committee-term", cast, term.pk), {"on": TODAY, "reason": "Resigned"})
    term.refresh_from_db()
    assert term.ends_on == TODAY and term.end_reason == "Resigned"
    assert term.history.first().history_user == cast.people["committee"]

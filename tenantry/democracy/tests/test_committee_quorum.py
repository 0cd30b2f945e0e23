"""A committee meeting's quorum: the constitution's committee quorum, counted of the committee in
office on the day, through the same home as a general meeting's (`quorum.rules_for`,
`meeting_selectors.quorums_of`). Expectations worked by hand."""

from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from tenantry.democracy import meeting_selectors as selectors
from tenantry.democracy.constitution import defaults_for, plain_rules
from tenantry.democracy.minutes_text import draft
from tenantry.democracy.models import Attendance, Constitution, LegalForm, Proxy
from tenantry.democracy.quorum import rules_for
from tenantry.democracy.tests.factories import CommitteeTermFactory
from tenantry.democracy.tests.meeting_factories import MeetingFactory, MemberFactory

LONDON = ZoneInfo("Europe/London")
pytestmark = pytest.mark.django_db

MEETING_DAY = date(2026, 6, 25)


@pytest.fixture
def constitution(cast):
    return Constitution.objects.create(
        organisation=cast.tmo,
        legal_form="cbs",
        quorum_rule="number",
        quorum_number=2,
        committee_quorum_rule="greater",
        committee_quorum_number=3,
        committee_quorum_percent=Decimal("33.33"),
    )


@pytest.fixture
def committee(cast):
    """Ten members; the first seven hold committee seats on the meeting's day, with an
    independent (not a member) too: eight in office. One more's term ended the day before."""
    members = [MemberFactory(organisation=cast.tmo, resident__name=f"M{n}") for n in range(10)]
    for member in members[:7]:
        CommitteeTermFactory(
            organisation=cast.tmo, kind="tenant", how="elected", membership=member, name=""
        )
    CommitteeTermFactory(organisation=cast.tmo, name="Pat Independent")
    CommitteeTermFactory(
        organisation=cast.tmo,
        kind="tenant",
        how="elected",
        membership=members[9],
        name="",
        ends_on=MEETING_DAY.replace(day=24),
    )
    return members


def _present(meeting, members):
    for member in members:
        Attendance.objects.create(meeting=meeting, membership=member, mode="in_person")


def test_defaults_give_a_company_two_and_a_society_the_greater_of_three_and_a_third():
    company, _ = defaults_for(LegalForm.COMPANY)
    society, _ = defaults_for(LegalForm.COMMUNITY_BENEFIT_SOCIETY)

    assert (company["committee_quorum_rule"], company["committee_quorum_number"]) == ("number", 2)
    assert society["committee_quorum_rule"] == "greater"
    assert (society["committee_quorum_number"], society["committee_quorum_percent"]) == (
        3,
        Decimal("33.33"),
    )


def test_a_committee_meeting_follows_the_committee_quorum_and_takes_no_proxies(constitution):
    rules = rules_for(constitution=constitution, general=False)
    general = rules_for(constitution=constitution, general=True)

    assert (rules.rule, rules.number, rules.proxies_allowed) == ("greater", 3, False)
    assert (general.rule, general.number, general.proxies_allowed) == ("number", 2, True)


def test_committee_quorum_is_of_the_committee_in_office_and_counts_only_its_members(
    cast, constitution, committee
):
    # Eight in office (seven members and the independent): a third is 8 × 33.33% = 2.67, so 3;
    # the greater of 3 and 3 is 3. Present: two committee members and one ordinary member
    # (who does not count), and the member whose term ended the day before (nor they).
    meeting = MeetingFactory(organisation=cast.tmo, kind="committee", day=MEETING_DAY)
    _present(meeting, [committee[0], committee[1], committee[8], committee[9]])

    count = selectors.quorum_of(meeting=meeting, constitution=constitution)

    assert (count.present, count.proxies, count.needed, count.quorate) == (2, 0, 3, False)

    _present(meeting, [committee[2]])
    assert selectors.quorum_of(meeting=meeting, constitution=constitution).quorate


def test_a_proxy_never_counts_at_a_committee_meeting(cast, constitution, committee):
    meeting = MeetingFactory(organisation=cast.tmo, kind="committee", day=MEETING_DAY)
    _present(meeting, committee[:2])
    Proxy.objects.create(
        meeting=meeting,
        member=committee[3],
        holder=committee[0],
        lodged_at=datetime(2026, 6, 1, 12, tzinfo=LONDON),
    )

    count = selectors.quorum_of(meeting=meeting, constitution=constitution)

    assert (count.total, count.needed, count.quorate) == (2, 3, False)


def test_quorums_of_several_meetings_in_four_queries(
    cast, constitution, committee, django_assert_num_queries
):
    general = MeetingFactory(organisation=cast.tmo, kind="general", day=MEETING_DAY)
    board = MeetingFactory(organisation=cast.tmo, kind="committee", day=MEETING_DAY)
    _present(general, committee[:2])
    _present(board, committee[:3])

    with django_assert_num_queries(4):
        counts = selectors.quorums_of(meetings=[general, board], constitution=constitution)

    assert (counts[general.pk].needed, counts[general.pk].quorate) == (2, True)
    assert (counts[board.pk].needed, counts[board.pk].quorate) == (3, True)


def test_the_minutes_and_the_constitution_page_say_the_committee_quorum(
    cast, constitution, committee
):
    meeting = MeetingFactory(
        organisation=cast.tmo, kind="committee", day=MEETING_DAY, starts_at=time(18)
    )
    _present(meeting, committee[:2])
    constitution.refresh_from_db()

    text = draft(meeting)
    rules = dict(plain_rules(constitution, {"tenant": 8}))

    assert "Quorum: 2 committee members present of 3 needed. The meeting was not quorate." in text
    assert (
        "A committee meeting needs 3 committee members or 33.33% of those in office present, "
        "whichever is more, to make decisions." in rules["General meetings"]
    )


def test_the_committee_quorum_is_changed_on_the_constitution_page_and_bad_input_named(
    cast, client_as
):
    from django.urls import reverse

    url = reverse("democracy:edit-constitution", args=[cast.tmo.slug])
    client = client_as(cast.people["committee"])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v not in (None, False)}
    data.update(
        {
            "quorum_rule": "number", "tie_break": "lot", "seats_tenant": "8",
            "seats_leaseholder": "2", "seats_co_opted": "1", "seats_independent": "0",
            "seats_landlord": "1", "tenants_may_join": "on", "committee_quorum_rule": "share",
            "committee_quorum_number": "4", "committee_quorum_percent": "150",
        }
    )  # fmt: skip

    page = client.post(url, data)

    text = page.content.decode()
    assert page.status_code == 200
    assert "Committee quorum: share of the committee in office, % must be 100 or less" in text
    assert 'value="150"' in text  # kept as typed

    data["committee_quorum_percent"] = "50"
    saved = client.post(url, data)
    assert saved.status_code == 302, saved.context["form"].errors
    constitution = Constitution.objects.get(organisation=cast.tmo)
    assert (constitution.committee_quorum_rule, constitution.committee_quorum_percent) == (
        "share",
        Decimal("50"),
    )


def test_a_committee_meetings_page_judges_its_quorum(cast, constitution, committee, client_as):
    from django.urls import reverse

    meeting = MeetingFactory(organisation=cast.tmo, kind="committee", day=MEETING_DAY)
    _present(meeting, committee[:3])

    page = client_as(cast.people["committee"]).get(
        reverse("democracy:meeting", args=[cast.tmo.slug, meeting.pk])
    )

    text = page.content.decode()
    assert "Quorate: 3 present of 3 needed" in text
    assert "3 committee members here." in text

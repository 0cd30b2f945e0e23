"""Democratic health, every figure worked by hand: members as a share of households, general
meeting attendance, committee places filled, contested elections, turnover, notice on time,
criticisms answered on time, the questionnaire, the committee's profile against the residents'
with small groups hidden, and the early warnings. The year is the financial year (core/periods)."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tenantry.core.periods import financial_year, financial_year_of
from tenantry.core.privacy import groups_to_hide
from tenantry.democracy import health
from tenantry.democracy.models import (
    Attendance,
    Ballot,
    CommitteeTerm,
    Constitution,
    Criticism,
    Election,
    Membership,
    SeatRule,
)
from tenantry.democracy.tests.ballot_helpers import add_members
from tenantry.democracy.tests.meeting_factories import MeetingFactory
from tenantry.homes.models import EqualityProfile
from tenantry.homes.tests.factories import (
    CoverageFactory,
    HomeFactory,
    HouseholdFactory,
    ResidentFactory,
)
from tenantry.surveys.models import Question
from tenantry.surveys.scoring import Score
from tenantry.surveys.tests.factories import (
    AnswerFactory,
    QuestionFactory,
    ResponseFactory,
    SurveyFactory,
)

LONDON = ZoneInfo("Europe/London")
pytestmark = pytest.mark.django_db

YEAR = financial_year("2025/26")  # 1 April 2025 to 31 March 2026
TODAY = date(2026, 12, 5)


@pytest.fixture
def constitution(cast):
    constitution = Constitution.objects.create(
        organisation=cast.tmo,
        legal_form="company",
        quorum_rule="number",
        quorum_number=3,
        committee_quorum_rule="number",
        committee_quorum_number=2,
        notice_clear_days=14,
        committee_notice_clear_days=7,
        committee_size=4,
    )
    SeatRule.objects.create(constitution=constitution, kind="tenant", seats=4)
    return constitution


def _household(cast, *, estate=None, tenure="secure"):
    home = HomeFactory(estate=estate or cast.estate, tenure=tenure)
    CoverageFactory(agreement=cast.agreement, home=home)
    return HouseholdFactory(home=home)


def _member(cast, household, *, joined, ended=None, status="member", name="A member"):
    return Membership.objects.create(
        organisation=cast.tmo,
        resident=ResidentFactory(household=household, name=name),
        household=household,
        status=status,
        joined_by="paper",
        applied_on=joined,
        joined_on=joined,
        ended_on=ended,
    )


def _term(cast, *, starts, ends=None, membership=None, name="", kind="tenant"):
    return CommitteeTerm.objects.create(
        organisation=cast.tmo,
        kind=kind,
        how="elected",
        membership=membership,
        name=name if membership is None else "",
        starts_on=starts,
        ends_on=ends,
    )


# --- Members as a share of households -------------------------------------------------------


def test_members_share_counts_households_at_the_year_end(cast):
    # Households: the cast's resident's (no member) and four more. A member since 2024; one
    # whose membership ended on 31 March 2026, the year's last day (not a member that day); one
    # who joined on 31 March (a member that day); a household of two joint members (counted once).
    a, b, c, d = (_household(cast) for _ in range(4))
    _member(cast, a, joined=date(2024, 5, 1))
    _member(cast, b, joined=date(2024, 5, 1), ended=date(2026, 3, 31), status="left")
    _member(cast, c, joined=date(2026, 3, 31))
    _member(cast, d, joined=date(2024, 5, 1), name="Joint one")
    _member(cast, d, joined=date(2024, 5, 1), name="Joint two")

    at_end = health.members_share(organisation=cast.tmo, day=date(2026, 3, 31))
    day_before = health.members_share(organisation=cast.tmo, day=date(2026, 3, 30))

    assert at_end == Score(3, 5)  # a, c, d: 60%
    assert day_before == Score(3, 5)  # a, b, d
    assert health.year_health(organisation=cast.tmo, period=YEAR, today=TODAY).members == Score(
        3, 5
    )


def test_no_members_and_no_households(cast):
    assert health.members_share(organisation=cast.tmo, day=date(2026, 3, 31)) == Score(0, 1)
    nothing = health.members_share(organisation=cast.other_tmo, day=date(2026, 3, 31))
    assert nothing == Score(0, 0)
    assert nothing.percentage is None


# --- General meetings -----------------------------------------------------------------------


def test_attendance_per_meeting_and_on_average(cast, constitution):
    members = add_members(cast, 4)  # members since April 2024; quorum: 3 present
    june = MeetingFactory(organisation=cast.tmo, kind="general", day=date(2025, 6, 19))
    agm = MeetingFactory(organisation=cast.tmo, kind="agm", day=date(2025, 9, 18))
    unrecorded = MeetingFactory(organisation=cast.tmo, kind="general", day=date(2026, 1, 15))
    MeetingFactory(organisation=cast.tmo, kind="committee", day=date(2025, 7, 3))
    MeetingFactory(organisation=cast.tmo, kind="general", day=date(2026, 4, 2))  # next year
    for member, mode in zip(members[:3], ["in_person", "in_person", "apologies"], strict=True):
        Attendance.objects.create(meeting=june, membership=member, mode=mode)
    for member, mode in zip(members[:3], ["in_person", "online", "in_person"], strict=True):
        Attendance.objects.create(meeting=agm, membership=member, mode=mode)

    year = health.year_health(organisation=cast.tmo, period=YEAR, today=TODAY)

    got = [(f.meeting, f.recorded, f.present, f.members, f.quorate) for f in year.meetings]
    assert got == [
        (june, True, 2, 4, False),  # 2 of 4 = 50%, 2 < 3 needed
        (agm, True, 3, 4, True),  # 3 of 4 = 75%
        (unrecorded, False, 0, 4, None),  # nothing recorded at the door
    ]
    assert year.attendance == pytest.approx(62.5)  # (50 + 75) / 2


def test_a_year_with_no_meetings_or_anything_else(cast, constitution):
    year = health.year_health(organisation=cast.tmo, period=financial_year("2020/21"), today=TODAY)

    assert year.meetings == [] and year.attendance is None
    assert year.notices == Score(0, 0) and year.notices.percentage is None
    assert year.criticisms.score == Score(0, 0)
    assert (year.contested, year.uncontested) == (0, 0)
    assert (year.filled, year.places, year.filled_average) == (0, 4, 0)
    assert year.survey is None and year.questionnaire == {}


def test_a_year_not_begun_has_no_figures_and_the_year_under_way_runs_to_today(cast):
    assert (
        health.year_health(organisation=cast.tmo, period=financial_year("2027/28"), today=TODAY)
        is None
    )
    under_way = health.year_health(
        organisation=cast.tmo, period=financial_year("2026/27"), today=TODAY
    )
    assert under_way.day == TODAY and under_way.under_way


# --- The committee --------------------------------------------------------------------------


def test_places_filled_at_the_year_end_and_on_average_in_a_leap_year(cast):
    # 2027/28 has 366 days (29 February 2028). Two tenant seats. T1 all year; T3 from 1 April to
    # 31 December 2027 (275 days, both seats filled); T4 in April 2027 too (a third holder: still
    # two places filled); January and February 2028 only T1 (60 days); T2 from 1 March (31 days,
    # both filled). 275×2 + 60×1 + 31×2 = 672 place-days ÷ 366 = 1.836 places, 91.8% of 2.
    seats = {"tenant": 2}
    terms = [
        _term(cast, starts=date(2026, 9, 17), name="T1"),
        _term(cast, starts=date(2028, 3, 1), name="T2"),
        _term(cast, starts=date(2027, 4, 1), ends=date(2027, 12, 31), name="T3"),
        _term(cast, starts=date(2027, 4, 1), ends=date(2027, 4, 30), name="T4"),
    ]
    start, end = date(2027, 4, 1), date(2028, 3, 31)

    average = health.average_places_filled(terms=terms, seats=seats, start=start, end=end)

    assert health.places_filled(terms=terms, seats=seats, day=end) == 2
    assert health.places_filled(terms=terms, seats=seats, day=date(2028, 2, 29)) == 1
    assert average == pytest.approx(672 / 366)
    assert 100 * average / 2 == pytest.approx(91.8, abs=0.05)


def test_turnover_counts_people_who_joined_or_left_not_those_re_elected(cast):
    # Four places. A re-elected at the AGM of 18 September 2025 (one term ends as the next
    # begins): neither. B not re-elected: left. C elected then: joined. D co-opted in November
    # and gone by February: joined and left, counted once. E throughout: neither.
    a = _term(cast, starts=date(2022, 9, 15), ends=date(2025, 9, 18), name="A")
    terms = [
        a,
        _term(cast, starts=date(2025, 9, 18), name="A"),
        _term(cast, starts=date(2022, 9, 15), ends=date(2025, 9, 18), name="B"),
        _term(cast, starts=date(2025, 9, 18), name="C"),
        _term(cast, starts=date(2025, 11, 1), ends=date(2026, 2, 1), name="D", kind="co_opted"),
        _term(cast, starts=date(2021, 9, 16), name="E"),
    ]

    turnover = health.committee_turnover(terms=terms, places=4, start=YEAR.start, end=YEAR.end)

    assert (turnover.joined, turnover.left, turnover.changed) == (2, 2, 3)
    assert turnover.score == Score(3, 4)  # 75%


def test_a_member_holds_their_seat_on_both_days_of_a_same_holder_hand_over(cast):
    member = add_members(cast, 1)[0]
    terms = [
        _term(cast, starts=date(2022, 9, 15), ends=date(2025, 9, 17), membership=member),
        _term(cast, starts=date(2025, 9, 18), membership=member),
    ]
    turnover = health.committee_turnover(terms=terms, places=4, start=YEAR.start, end=YEAR.end)
    assert turnover.changed == 0


# --- Elections, notice, criticisms -----------------------------------------------------------


def _ballot(cast, kind, status, closes):
    closes_at = datetime.combine(closes, time(21), tzinfo=LONDON)
    return Ballot.objects.create(
        organisation=cast.tmo,
        kind=kind,
        question="Election of the committee",
        rule="fptp",
        roll_date=closes,
        opens_at=closes_at.replace(hour=9),
        closes_at=closes_at,
        status=status,
    )


def test_contested_elections_are_counted_election_ballots_and_uncontested_those_without(cast):
    _ballot(cast, "election", "counted", date(2025, 9, 18))  # contested, in the year
    _ballot(cast, "election", "counted", date(2026, 4, 2))  # the next year
    _ballot(cast, "resolution", "counted", date(2025, 9, 18))  # not an election
    _ballot(cast, "election", "open", date(2026, 3, 20))  # not yet counted
    for status, closed, ballot in (
        ("uncontested", date(2025, 9, 1), None),  # decided without a vote
        ("declared", date(2026, 3, 31), None),  # and declared, on the year's last day
        ("declared", date(2025, 4, 1), _ballot(cast, "election", "counted", date(2025, 4, 2))),
        ("nominations", date(2025, 12, 1), None),  # still taking nominations
        ("uncontested", date(2026, 4, 1), None),  # the next year
    ):
        Election.objects.create(
            organisation=cast.tmo, kind="tenant", seats=2, nominations_open_on=closed,
            nominations_close_on=closed, voting_opens_at=datetime(2025, 1, 1, tzinfo=LONDON),
            voting_closes_at=datetime(2025, 1, 2, tzinfo=LONDON), status=status, ballot=ballot,
        )  # fmt: skip

    assert health.contested_elections(organisation=cast.tmo, period=YEAR) == 2
    assert health.uncontested_elections(organisation=cast.tmo, period=YEAR) == 2


def test_notice_on_time_by_each_kind_of_meetings_clear_days(cast, constitution):
    # 14 clear days for a general meeting, 7 for a committee meeting (notice.py, s360).
    meetings = [
        MeetingFactory(  # by 4 June for 19 June: in time
            organisation=cast.tmo, day=date(2025, 6, 19), notice_given_on=date(2025, 6, 4)
        ),
        MeetingFactory(  # by 3 September for 18 September: a day late
            organisation=cast.tmo,
            kind="agm",
            day=date(2025, 9, 18),
            notice_given_on=date(2025, 9, 4),
        ),
        MeetingFactory(  # by 1 October for 9 October: in time
            organisation=cast.tmo,
            kind="committee",
            day=date(2025, 10, 9),
            notice_given_on=date(2025, 10, 1),
        ),
        MeetingFactory(organisation=cast.tmo, day=date(2026, 1, 15)),  # no notice recorded
    ]
    for meeting in meetings:
        meeting.recorded = False

    assert health.notices_on_time(meetings=meetings, constitution=constitution) == Score(2, 4)
    year = health.year_health(organisation=cast.tmo, period=YEAR, today=TODAY)
    assert year.notices == Score(2, 4)


def test_criticisms_answered_by_their_due_date(cast):
    june = MeetingFactory(organisation=cast.tmo, day=date(2025, 6, 19))
    march = MeetingFactory(organisation=cast.tmo, day=date(2026, 3, 19))
    april = MeetingFactory(organisation=cast.tmo, day=date(2026, 4, 2))

    def raised(meeting, due, answered=None):
        Criticism.objects.create(
            organisation=cast.tmo,
            meeting=meeting,
            text="The lifts",
            owner="The Chair",
            due_on=due,
            status="answered" if answered else "open",
            answered_on=answered,
            response="Answered." if answered else "",
        )

    raised(june, date(2025, 7, 17), answered=date(2025, 7, 10))  # on time
    raised(june, date(2025, 7, 17), answered=date(2025, 7, 20))  # three days late
    raised(june, date(2025, 12, 1))  # waiting, long past due
    raised(march, date(2026, 4, 30))  # waiting, not yet due at the year end
    raised(march, date(2026, 4, 30), answered=date(2026, 4, 10))  # answered early
    raised(april, date(2026, 5, 1))  # raised the next year

    figures = health.criticisms_answered(organisation=cast.tmo, start=YEAR.start, end=YEAR.end)

    assert (figures.answered_on_time, figures.due, figures.not_yet_due) == (2, 4, 1)
    assert figures.score == Score(2, 4)


# --- The questionnaire ----------------------------------------------------------------------


def test_the_latest_democratic_health_questionnaire_of_the_year(cast):
    def survey(opens, status="closed", template="democratic_health"):
        return SurveyFactory(
            organisation=cast.tmo, template=template, status=status, opens_on=opens
        )

    survey(date(2025, 5, 1))
    latest = survey(date(2025, 11, 1))
    survey(date(2026, 1, 10), status="draft")
    survey(date(2026, 2, 1), template="tsm")
    survey(date(2026, 5, 1))  # the next year
    knew = QuestionFactory(survey=latest, code="DH01", kind=Question.Kind.YES_NO)
    for value in ("yes", "yes", "no", "yes"):
        AnswerFactory(response=ResponseFactory(survey=latest), question=knew, value=value)

    year = health.year_health(organisation=cast.tmo, period=YEAR, today=TODAY)

    assert year.survey == latest
    assert year.questionnaire["DH01"] == Score(3, 4)
    assert year.questionnaire_rows == [("Knew the organisation exists", Score(3, 4))]


# --- The committee against the residents -----------------------------------------------------


def test_small_groups_are_hidden_and_so_are_the_next_smallest_until_they_hold_five():
    assert groups_to_hide({"a": 8, "b": 5, "c": 4}) == {"c", "b"}
    # Two hidden 1s of a committee of nine would each show as 1: the 7 is hidden too.
    assert groups_to_hide({"x": 1, "y": 1, "z": 7, "w": 0}) == {"x", "y", "z"}
    assert groups_to_hide({"a": 4, "b": 2, "c": 0}) == {"a", "b"}
    assert groups_to_hide({"a": 8, "b": 0}) == set()
    assert groups_to_hide({"a": 3}) == {"a"}


def test_the_committees_profile_against_the_residents_with_small_groups_hidden(cast):
    # 17 residents: 8 aged 25-34 (4 on the committee), 5 aged 65-74 (2 on it), 3 with no equality
    # profile and the cast's resident (not recorded: 4). An independent holds a seat too.
    day = date(2026, 3, 31)
    for age, n, on_committee in (("25-34", 8, 4), ("65-74", 5, 2), (None, 3, 0)):
        for i in range(n):
            household = _household(cast)
            membership = _member(cast, household, joined=date(2024, 5, 1), name=f"{age} {i}")
            if age:
                EqualityProfile.objects.create(
                    resident=membership.resident,
                    consented_on=date(2025, 1, 1),
                    age_band=age,
                    disability="no",
                    ethnicity="white",
                    gender="woman",
                )
            if i < on_committee:
                _term(cast, starts=date(2025, 9, 18), membership=membership)
    _term(cast, starts=date(2025, 9, 18), name="Pat Independent", kind="independent")

    profile = health.committee_profile(organisation=cast.tmo, day=day)

    assert (profile.residents, profile.committee, profile.not_residents) == (17, 6, 1)
    age = next(c for c in profile.characteristics if c.key == "age_band")
    rows = {row.group: row for row in age.rows}
    assert list(rows) == ["25-34", "65-74", "not_recorded"]
    # Residents: 4 not recorded is too few, so 65-74 (the next smallest) is hidden with it.
    assert (rows["25-34"].residents.people, rows["25-34"].residents.hidden) == (8, False)
    assert rows["25-34"].residents.share == pytest.approx(100 * 8 / 17)
    assert rows["65-74"].residents.hidden and rows["not_recorded"].residents.hidden
    # Committee: 4 and 2 are too few; nobody not recorded (0) is shown.
    assert rows["25-34"].committee.hidden and rows["65-74"].committee.hidden
    assert (rows["not_recorded"].committee.people, rows["not_recorded"].committee.hidden) == (
        0,
        False,
    )
    tenure = next(c for c in profile.characteristics if c.key == "tenure")
    assert [(r.group, r.residents.people, r.committee.people) for r in tenure.rows] == [
        ("secure", 17, 6)
    ]


# --- Early warnings -------------------------------------------------------------------------


def _keys(cast, today=TODAY):
    return [w.key for w in health.warnings_for(organisation=cast.tmo, today=today)]


@pytest.fixture
def healthy(cast, constitution):
    """Members steady, the AGM held in time, three of four places filled: no warnings."""
    members = add_members(cast, 4)
    for member in members[:3]:
        _term(cast, starts=date(2025, 9, 18), membership=member)
    agm = MeetingFactory(organisation=cast.tmo, kind="agm", day=date(2026, 9, 17))
    for member in members[:3]:
        Attendance.objects.create(meeting=agm, membership=member, mode="in_person")
    return members


def test_a_healthy_organisation_has_no_warnings(cast, healthy):
    assert _keys(cast) == []


def test_falling_membership_is_a_warning(cast, healthy, settings):
    # A year ago 4 of 5 households had a member (80%); two left in the summer: 2 of 5 (40%).
    for member in healthy[2:]:
        Membership.objects.filter(pk=member.pk).update(status="left", ended_on=date(2026, 7, 1))
    CommitteeTerm.objects.filter(membership=healthy[2]).update(ends_on=date(2026, 6, 30))
    _term(cast, starts=date(2026, 7, 1), name="Co-opted", kind="tenant")

    warnings = health.warnings_for(organisation=cast.tmo, today=TODAY)

    assert [w.key for w in warnings] == ["membership_falling"]
    assert warnings[0].text.startswith(
        "Membership is falling: 80% of households had a member a year ago, 40% now."
    )
    settings.DEMOCRACY_MEMBERSHIP_FALL_POINTS = 40  # a fall of exactly 40 points is not more
    assert _keys(cast) == []


def test_an_inquorate_general_meeting_in_the_last_twelve_months(cast, healthy):
    june = MeetingFactory(organisation=cast.tmo, kind="general", day=date(2026, 6, 18))
    Attendance.objects.create(meeting=june, membership=healthy[0], mode="in_person")
    old = MeetingFactory(organisation=cast.tmo, kind="general", day=date(2025, 12, 5))
    Attendance.objects.create(meeting=old, membership=healthy[0], mode="in_person")

    warnings = health.warnings_for(organisation=cast.tmo, today=TODAY)

    assert [w.key for w in warnings] == ["inquorate"]
    assert "18 June 2026 was not quorate" in warnings[0].text
    assert warnings[0].url == f"/o/{cast.tmo.slug}/meetings/{june.pk}/"


def test_unfilled_places_below_the_share_or_too_few_for_a_quorum(cast, healthy, settings):
    CommitteeTerm.objects.filter(membership=healthy[2]).update(ends_on=date(2026, 11, 30))
    assert _keys(cast) == ["places_unfilled"]  # 2 of 4: 50% < 75%
    settings.DEMOCRACY_COMMITTEE_FILLED_PERCENT = 50
    assert _keys(cast) == []
    CommitteeTerm.objects.filter(membership=healthy[1]).update(ends_on=date(2026, 11, 30))
    warnings = health.warnings_for(organisation=cast.tmo, today=TODAY)
    assert [w.key for w in warnings] == ["committee_inquorate"]  # 1 < the committee quorum, 2
    assert "Only 1 of 4 committee places are filled" in warnings[0].text


def test_the_agm_overdue_after_its_last_day(cast, healthy):
    # The year ended 31 March 2026; the AGM was due by 30 September 2026.
    from tenantry.democracy.models import Meeting

    Meeting.objects.filter(kind="agm").update(day=date(2026, 3, 19))  # the last year's
    assert _keys(cast, today=date(2026, 9, 30)) == []
    warnings = health.warnings_for(organisation=cast.tmo, today=date(2026, 10, 1))
    assert [w.key for w in warnings] == ["agm_overdue"]
    assert "by 30 September 2026" in warnings[0].text


def test_criticisms_past_their_due_date(cast, healthy, settings):
    meeting = MeetingFactory(organisation=cast.tmo, day=date(2026, 9, 17))
    Criticism.objects.create(
        organisation=cast.tmo, meeting=meeting, text="x", owner="y", due_on=date(2026, 12, 4)
    )
    Criticism.objects.create(
        organisation=cast.tmo, meeting=meeting, text="x", owner="y", due_on=date(2026, 12, 5)
    )  # due today: not yet overdue

    assert _keys(cast) == ["criticisms_overdue"]
    settings.DEMOCRACY_CRITICISMS_OVERDUE = 2
    assert _keys(cast) == []


def test_a_warnings_link_shows_only_to_those_who_may_open_it(cast, healthy):
    for member in healthy[1:]:
        Membership.objects.filter(pk=member.pk).update(status="left", ended_on=date(2026, 7, 1))
    (warning, *_rest) = health.warnings_for(organisation=cast.tmo, today=TODAY)

    assert warning.link_for(frozenset({"committee"})) == f"/o/{cast.tmo.slug}/democracy/members/"
    assert warning.link_for(frozenset({"landlord_officer"})) is None


# --- The pages ------------------------------------------------------------------------------


def test_the_health_page_shows_the_years_figures_and_warnings(cast, healthy, client_as):
    meeting = MeetingFactory(organisation=cast.tmo, day=date(2026, 6, 18))
    Criticism.objects.create(
        organisation=cast.tmo, meeting=meeting, text="x", owner="y", due_on=date(2026, 7, 1)
    )
    url = reverse("democracy:health", args=[cast.tmo.slug])

    page = client_as(cast.people["committee"]).get(url, {"year": "2025/26"})

    text = page.content.decode()
    assert page.status_code == 200
    assert page.context["year"].period == YEAR
    assert "Figures for 2025/26" in text
    assert "4 of 5 households on 31 March 2026" in text
    assert "past its due date without an answer" in text
    assert f'href="/o/{cast.tmo.slug}/meetings/criticisms/"' in text
    assert "The committee and the residents" in text


def test_the_health_page_takes_nonsense_years_as_this_one(cast, constitution, client_as):
    url = reverse("democracy:health", args=[cast.tmo.slug])
    client = client_as(cast.people["staff"])
    for year in ("1066/67", "next", "2090/91"):
        page = client.get(url, {"year": year})
        assert page.status_code == 200
        assert page.context["year"].period == financial_year_of(timezone.localdate())


def test_the_democracy_overview_shows_the_committee_its_warnings(cast, constitution, client_as):
    url = reverse("democracy:democracy", args=[cast.tmo.slug])

    committee = client_as(cast.people["committee"]).get(url).content.decode()
    resident = client_as(cast.people["resident"]).get(url).content.decode()

    assert "Early warnings" in committee and "committee places" in committee
    assert "Early warnings" not in resident


def test_the_landlord_sees_each_organisations_warnings(cast, constitution, client_as):
    url = reverse("democracy:health-across", args=[cast.landlord.slug])

    page = client_as(cast.people["landlord_officer"]).get(url)

    text = page.content.decode()
    assert page.status_code == 200
    assert [row.organisation for row in page.context["rows"]] == [cast.tmo]
    assert "Kingsmead TMO" in text and "committee places" in text
    assert "1 of 1 organisations has an early warning." in text
    assert (
        client_as(cast.people["landlord_officer"])
        .get(reverse("democracy:health-across", args=[cast.tmo.slug]))
        .status_code
        == 404
    )  # only a landlord has organisations to look across


def test_the_landlords_list_asks_a_fixed_number_of_queries_per_organisation(cast, constitution):
    from tenantry.organisations.tests.factories import AgreementFactory

    add_members(cast, 30)
    today = date.today()
    with CaptureQueriesContext(connection) as one:
        health.warnings_across(landlord=cast.landlord, today=today)
    for n in range(3):
        AgreementFactory(organisation__name=f"Co-op {n}", landlord=cast.landlord)
    cache.clear()  # each organisation's warnings are kept for ten minutes
    with CaptureQueriesContext(connection) as four:
        health.warnings_across(landlord=cast.landlord, today=today)

    per_organisation = (len(four) - len(one)) / 3
    assert len(one) <= 14  # thirty members ask no more than none would
    assert per_organisation <= 12


def test_the_health_page_asks_the_same_queries_for_ten_members_or_forty(
    cast, constitution, client_as
):
    # Five years of figures, the warnings and the profile: a fixed number of queries each,
    # none per member, meeting or term.
    url = reverse("democracy:health", args=[cast.tmo.slug])
    client = client_as(cast.people["committee"])

    def queries() -> int:
        cache.clear()  # the figures and the profile are kept for ten minutes
        with CaptureQueriesContext(connection) as asked:
            assert client.get(url).status_code == 200
        return len(asked)

    add_members(cast, 10)
    few = queries()
    members = add_members(cast, 30, start=10)
    for member in members[:3]:
        _term(cast, starts=date(2025, 9, 18), membership=member)
    meeting = MeetingFactory(organisation=cast.tmo, kind="agm", day=date(2025, 9, 18))
    for member in members:
        Attendance.objects.create(meeting=meeting, membership=member, mode="in_person")

    many = queries()
    assert many <= few + 4  # a year with a general meeting asks its quorum (four queries)


def test_the_landlords_list_the_years_and_the_profile_are_kept_and_say_so(
    cast, constitution, client_as
):
    add_members(cast, 5)
    today = date.today()
    health.warnings_across(landlord=cast.landlord, today=today)
    with CaptureQueriesContext(connection) as again:
        health.warnings_across(landlord=cast.landlord, today=today)
    assert len(again) == 1  # the organisations; their warnings as worked out a moment ago

    this_year = financial_year_of(today)
    years = [financial_year(this_year.start.year - 1), this_year]
    with CaptureQueriesContext(connection) as first:
        health.years_of_health(organisation=cast.tmo, today=today, years=years)
    with CaptureQueriesContext(connection) as second:
        found = health.years_of_health(organisation=cast.tmo, today=today, years=years)
    assert [y.period for y in found] == [this_year, years[0]]
    assert len(first) > 0 and len(second) == 0  # both years as worked out a moment ago

    day = date.today()
    first_profile = health.kept_committee_profile(organisation=cast.tmo, day=day, today=today)
    add_members(cast, 3, start=5)
    with CaptureQueriesContext(connection) as profile_again:
        kept = health.kept_committee_profile(organisation=cast.tmo, day=day, today=today)
    assert len(profile_again) == 0 and kept == first_profile
    cache.clear()
    afresh = health.kept_committee_profile(organisation=cast.tmo, day=day, today=today)
    assert afresh.residents == first_profile.residents + 3  # three more homes, one each

    page = client_as(cast.people["committee"]).get(
        reverse("democracy:health", args=[cast.tmo.slug])
    )
    assert "worked out again every ten minutes" in page.content.decode()

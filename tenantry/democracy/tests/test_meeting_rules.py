"""The meeting rules worked by hand: clear days' notice, the AGM's deadline, the quorum, who
counts towards it, and whether a resolution is carried."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from tenantry.democracy.notice import (
    agm_due_by,
    clear_days_between,
    latest_notice_day,
    notice_in_time,
    proxy_deadline,
    year_end_before,
)
from tenantry.democracy.quorum import ProxyVote, count_towards_quorum, quorum_needed
from tenantry.democracy.resolutions import decide

LONDON = ZoneInfo("Europe/London")


@pytest.mark.parametrize(
    ("meeting", "clear_days", "latest"),
    [
        # REFERENCE.md's example: Thursday 25 June 2026, 14 clear days -> Wednesday 10 June
        # (11 to 24 June are the fourteen clear days).
        (date(2026, 6, 25), 14, date(2026, 6, 10)),
        # Across a month end: Feb 19-28 (10 days) and Mar 1-4 (4 days).
        (date(2026, 3, 5), 14, date(2026, 2, 18)),
        # Across a leap February: Feb 24-29 (6 days) and Mar 1 (1 day).
        (date(2028, 3, 2), 7, date(2028, 2, 23)),
        # Across a year end: Dec 25-31 (7 days) and Jan 1-7 (7 days).
        (date(2027, 1, 8), 14, date(2026, 12, 24)),
        # No notice period: the day before is still in time, the day itself is not.
        (date(2026, 6, 25), 0, date(2026, 6, 24)),
    ],
)
def test_latest_notice_day_leaves_the_clear_days_between(meeting, clear_days, latest):
    assert latest_notice_day(meeting, clear_days) == latest
    assert clear_days_between(latest, meeting) == clear_days


def test_notice_a_day_late_is_not_in_time():
    meeting = date(2026, 6, 25)
    assert notice_in_time(notice_day=date(2026, 6, 10), meeting_day=meeting, clear_days=14)
    assert notice_in_time(notice_day=date(2026, 6, 1), meeting_day=meeting, clear_days=14)
    assert not notice_in_time(notice_day=date(2026, 6, 11), meeting_day=meeting, clear_days=14)
    # 11 June gives 12-24 June: 13 clear days.
    assert clear_days_between(date(2026, 6, 11), meeting) == 13


def test_proxy_deadline_is_hours_before_the_start():
    start = datetime(2026, 6, 25, 19, 0, tzinfo=LONDON)
    assert proxy_deadline(start, 48) == datetime(2026, 6, 23, 19, 0, tzinfo=LONDON)


@pytest.mark.parametrize(
    ("year_end", "months", "due"),
    [
        (date(2026, 3, 31), 6, date(2026, 9, 30)),  # 30 September has no 31st
        (date(2025, 12, 31), 6, date(2026, 6, 30)),  # into the next year
        (date(2027, 8, 31), 6, date(2028, 2, 29)),  # a leap February
        (date(2026, 3, 31), 9, date(2026, 12, 31)),
        (date(2026, 3, 31), 12, date(2027, 3, 31)),
    ],
)
def test_agm_due_by_counts_calendar_months(year_end, months, due):
    assert agm_due_by(held_for_year_ending=year_end, within_months=months) == due


def test_year_end_before_a_day():
    assert year_end_before(date(2026, 12, 5), 3) == date(2026, 3, 31)
    assert year_end_before(date(2026, 3, 31), 3) == date(2026, 3, 31)
    assert year_end_before(date(2026, 3, 30), 3) == date(2025, 3, 31)
    assert year_end_before(date(2026, 1, 15), 12) == date(2025, 12, 31)
    assert year_end_before(date(2028, 3, 1), 2) == date(2028, 2, 29)


@pytest.mark.parametrize(
    ("rule", "members", "needed"),
    [
        ("greater", 123, 15),  # 10% is 12.3 -> 13; 15 is greater
        ("greater", 200, 20),  # 10% is 20; greater than 15
        ("greater", 151, 16),  # 15.1 rounds up to 16
        ("share", 123, 13),  # 12.3 rounds up: 12 would fall short of the share
        ("share", 150, 15),  # exactly 15, not rounded up to 16
        ("share", 0, 0),
        ("number", 5000, 15),
    ],
)
def test_quorum_needed(rule, members, needed):
    assert quorum_needed(rule=rule, number=15, percent=Decimal("10.00"), members=members) == needed


def test_quorum_share_with_a_fraction_of_a_percent():
    # 12.5% of 9 members is 1.125: 2 are needed.
    assert quorum_needed(rule="share", number=0, percent=Decimal("12.5"), members=9) == 2


def test_only_proxies_lodged_in_time_and_held_by_someone_present_count():
    deadline = datetime(2026, 6, 23, 19, 0, tzinfo=LONDON)
    early = datetime(2026, 6, 20, 12, 0, tzinfo=LONDON)
    late = datetime(2026, 6, 24, 9, 0, tzinfo=LONDON)
    proxies = [
        ProxyVote(member=4, holder=1, lodged_at=early),  # counts
        ProxyVote(member=5, holder=9, lodged_at=early),  # holder absent: nothing
        ProxyVote(member=6, holder=2, lodged_at=late),  # after the deadline: nothing
        ProxyVote(member=3, holder=1, lodged_at=early),  # member 3 came: counted once
        ProxyVote(member=7, holder=2, lodged_at=deadline),  # on the deadline: counts
    ]
    count = count_towards_quorum(
        present=[1, 2, 3], proxies=proxies, deadline=deadline, proxies_allowed=True, needed=5
    )
    assert (count.present, count.proxies, count.total, count.quorate) == (3, 2, 5, True)

    refused = count_towards_quorum(
        present=[1, 2, 3], proxies=proxies, deadline=deadline, proxies_allowed=False, needed=5
    )
    assert (refused.present, refused.proxies, refused.quorate) == (3, 0, False)


def _decide(kind, for_, against, abstain, *, count_abstentions=False):
    return decide(
        kind=kind,
        votes_for=for_,
        against=against,
        abstentions=abstain,
        ordinary_percent=Decimal("50.00"),
        special_percent=Decimal("75.00"),
        abstentions_count=count_abstentions,
    )


def test_special_resolution_carried_in_words_and_numbers():
    decision = _decide("special", 31, 4, 2)
    # 31 of the 35 votes cast is 88.57%: 89%.
    assert decision.carried
    assert decision.votes_cast == 35
    assert decision.sentence() == (
        "Carried: 31 for, 4 against, 2 abstentions — a special resolution needs at least 75% "
        "of votes cast; 89% voted for"
    )


def test_special_resolution_at_exactly_the_threshold_is_carried():
    assert _decide("special", 3, 1, 0).carried  # 75% is at least 75%


def test_special_resolution_just_short_does_not_round_up_to_the_threshold():
    decision = _decide("special", 299, 101, 0)  # 74.75%
    assert not decision.carried
    assert decision.sentence().endswith("; 74.8% voted for")
    assert decision.sentence().startswith("Not carried: 299 for, 101 against, 0 abstentions")


def test_ordinary_resolution_tie_is_not_carried():
    assert not _decide("ordinary", 10, 10, 3).carried  # 50% is not more than 50%
    assert _decide("ordinary", 11, 10, 0).carried


def test_all_abstain_carries_nothing():
    decision = _decide("ordinary", 0, 0, 12)
    assert not decision.carried
    assert decision.share_for is None
    assert decision.sentence() == (
        "Not carried: 0 for, 0 against, 12 abstentions — an ordinary resolution needs more than "
        "50% of votes cast; no votes were cast"
    )
    assert not _decide("ordinary", 0, 0, 12, count_abstentions=True).carried


def test_abstentions_counted_as_votes_can_change_the_outcome():
    # 10 of 18 is 55.6% (carried); 10 of 21 is 47.6% (not).
    assert _decide("ordinary", 10, 8, 3).carried
    assert not _decide("ordinary", 10, 8, 3, count_abstentions=True).carried
    # 30 of 35 is 85.7% (carried); 30 of 41 is 73.2% (not).
    assert _decide("special", 30, 5, 6).carried
    counted = _decide("special", 30, 5, 6, count_abstentions=True)
    assert not counted.carried
    assert "(abstentions count as votes cast)" in counted.sentence()
    assert counted.sentence().endswith("; 73% voted for")


def test_one_abstention_is_singular():
    assert "1 abstention —" in _decide("ordinary", 5, 1, 1).sentence()

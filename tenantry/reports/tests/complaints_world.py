"""A small set of complaints with hand-worked dates for Kingsmead TMO's year 2025/26, across
Easter, the early May bank holiday, Christmas and weekends (England and Wales bank holidays:
Good Friday 18 April 2025, Easter Monday 21 April, 5 May, 26 May, 25 and 26 December 2025,
1 January 2026). Each complaint's working days are counted in its comment."""

from datetime import date

import pytest

from tenantry.indicators.definitions import sync_definitions
from tenantry.indicators.models import Indicator
from tenantry.records.models import Complaint
from tenantry.records.tests.factories import ComplaintFactory

D = date


@pytest.fixture(autouse=True)
def definitions(db):
    """The national indicators CH01 and CH02 (a test that flushed the database took them)."""
    sync_definitions(Indicator)


def make_complaints(cast) -> dict[str, Complaint]:
    tmo, home = cast.tmo, cast.home
    made = {}
    # A: received Thursday 17 April 2025, before Easter. Acknowledge by Monday 28 April (the 22nd
    # to the 25th are working days 1-4, the 28th is 5). Acknowledged on the 28th: in time. Answer
    # due 10 working days later, 13 May (5 May is a bank holiday); answered 13 May: in time. From
    # receipt to answer, 15 working days.
    made["A"] = ComplaintFactory(
        organisation=tmo, home=home, category="repairs", outcome="upheld",
        received_on=D(2025, 4, 17), stage1_acknowledged_on=D(2025, 4, 28),
        stage1_responded_on=D(2025, 5, 13),
    )  # fmt: skip
    # B: received Friday 2 May 2025. Acknowledge by 12 May (5 May a holiday); acknowledged 13 May:
    # late. The answer counts from the 12th (a late acknowledgement earns no time): due 27 May
    # (26 May a holiday); with its 5-day extension, 3 June. Answered 3 June: in time with the
    # extension, late without. 20 working days. Escalated Tuesday 10 June: stage 2 acknowledge by
    # 17 June, acknowledged 16 June: in time; answer due 20 working days after the 16th, 14 July;
    # answered 15 July: late (no extension). 25 working days from the 10th.
    made["B"] = ComplaintFactory(
        organisation=tmo, home=home, category="communication", outcome="partly",
        received_on=D(2025, 5, 2), stage1_acknowledged_on=D(2025, 5, 13),
        stage1_responded_on=D(2025, 6, 3), stage1_extension_days=5,
        escalated_on=D(2025, 6, 10), stage2_acknowledged_on=D(2025, 6, 16),
        stage2_responded_on=D(2025, 7, 15),
    )  # fmt: skip
    # C: received Saturday 20 December 2025. Acknowledge by 30 December (22-24 are days 1-3,
    # Christmas and Boxing Day are holidays, 29 and 30 are 4 and 5). Never acknowledged nor
    # answered: late on both counts.
    made["C"] = ComplaintFactory(
        organisation=tmo, home=home, category="repairs", received_on=D(2025, 12, 20),
    )  # fmt: skip
    # D: received, acknowledged Monday 2 March 2026, answered the next day: 1 working day.
    made["D"] = ComplaintFactory(
        organisation=tmo, home=home, category="repairs", outcome="not_upheld",
        received_on=D(2026, 3, 2), stage1_acknowledged_on=D(2026, 3, 2),
        stage1_responded_on=D(2026, 3, 3),
    )  # fmt: skip
    # F: received 31 March 2025, the year before, so not a stage 1 complaint of 2025/26; but
    # escalated Wednesday 2 April 2025, so a stage 2 complaint of 2025/26. Acknowledge by 9 April,
    # acknowledged the 9th: in time. Answer due 20 working days after the 9th: 12 May (Easter and
    # 5 May are holidays); with its 10-day extension 27 May (26 May a holiday). Answered 20 May:
    # late without the extension, in time with it. 31 working days from the 2nd. Referred to the
    # Ombudsman on 1 August 2025.
    made["F"] = ComplaintFactory(
        organisation=tmo, home=home, category="repairs", outcome="upheld",
        received_on=D(2025, 3, 31), stage1_acknowledged_on=D(2025, 4, 1),
        stage1_responded_on=D(2025, 4, 1), escalated_on=D(2025, 4, 2),
        stage2_acknowledged_on=D(2025, 4, 9), stage2_responded_on=D(2025, 5, 20),
        stage2_extension_days=10, referred_to_ombudsman_on=D(2025, 8, 1),
    )  # fmt: skip
    # G: received 1 April 2026, the next year: in no figure of 2025/26, nor its referral.
    made["G"] = ComplaintFactory(
        organisation=tmo, home=home, received_on=D(2026, 4, 1),
        referred_to_ombudsman_on=D(2026, 4, 2),
    )  # fmt: skip
    # Another organisation's complaint in the year: in none of Kingsmead's figures.
    made["other"] = ComplaintFactory(organisation=cast.other_tmo, received_on=D(2025, 6, 2))
    return made

"""The 30 September date for sending the self-assessment and report, worked by hand around its
boundaries: the number of homes (over 1,000), the day itself, the day after."""

from datetime import date

import pytest
from django.template.loader import render_to_string

from tenantry.core.periods import financial_year
from tenantry.reports.complaints_deadline import submission_deadline

YEAR = financial_year("2025/26")  # 1 April 2025 to 31 March 2026: due 30 September 2026


@pytest.mark.parametrize(("homes", "has_deadline"), [(0, False), (1000, False), (1001, True)])
def test_only_landlords_with_more_than_1000_homes_have_the_date(homes, has_deadline):
    found = submission_deadline(year=YEAR, homes=homes, today=date(2026, 9, 1))

    assert (found is not None) == has_deadline


@pytest.mark.parametrize(
    ("today", "days_to_go", "passed"),
    [
        (date(2026, 3, 31), 183, False),  # the year's last day: April to September is 183 days
        (date(2026, 9, 1), 29, False),
        (date(2026, 9, 29), 1, False),
        (date(2026, 9, 30), 0, False),  # due today
        (date(2026, 10, 1), -1, True),  # one day late
        (date(2027, 9, 30), -365, True),
    ],
)
def test_days_to_go(today, days_to_go, passed):
    found = submission_deadline(year=YEAR, homes=1500, today=today)

    assert found.due_on == date(2026, 9, 30)
    assert found.days_to_go == days_to_go
    assert found.passed is passed


def test_the_date_follows_the_year_it_covers():
    found = submission_deadline(year=financial_year(2024), homes=5000, today=date(2025, 9, 1))

    assert found.due_on == date(2025, 9, 30)
    assert found.days_late == -29


@pytest.mark.parametrize(
    ("homes", "said"),
    [
        (1_250, "1,250 homes counted at the year's end"),
        (1_000, "and 1,000 homes were counted"),
        (1, "and 1 home was counted"),
    ],
)
def test_the_homes_counted_are_written_with_a_thousands_comma(homes, said):
    html = render_to_string(
        "reports/complaints/_deadline.html",
        {
            "homes": homes,
            "deadline": submission_deadline(year=YEAR, homes=homes, today=date(2026, 9, 1)),
        },
    )
    assert said in html

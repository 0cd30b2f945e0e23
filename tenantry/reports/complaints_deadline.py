"""When the annual complaints self-assessment and report are due with the Housing Ombudsman.

The Complaint Handling Code (1 April 2024) asks landlords with more than 1,000 homes to send
the self-assessment and the annual complaints performance and service improvement report,
approved by the governing body, by 30 September after the financial year they cover. This is
the one place the rule lives; pages, the PDF and the demo all ask it.
"""

from dataclasses import dataclass
from datetime import date

from tenantry.core.periods import Period

HOMES_THRESHOLD = 1000  # "over 1,000 homes": 1,000 exactly is not over
DEADLINE_MONTH, DEADLINE_DAY = 9, 30


@dataclass(frozen=True)
class Deadline:
    due_on: date
    days_to_go: int  # 0 on the day it is due; less than 0 once it has passed

    @property
    def passed(self) -> bool:
        return self.days_to_go < 0

    @property
    def days_late(self) -> int:
        return -self.days_to_go


def submission_deadline(*, year: Period, homes: int, today: date) -> Deadline | None:
    """The 30 September after `year` ends, and the days to go from `today`; None when the
    organisation has 1,000 homes or fewer, for which the Code sets no submission date."""
    if homes <= HOMES_THRESHOLD:
        return None
    # The financial year ends on 31 March; the 30 September after it is in the same
    # calendar year as that 31 March.
    due_on = date(year.end.year, DEADLINE_MONTH, DEADLINE_DAY)
    return Deadline(due_on=due_on, days_to_go=(due_on - today).days)

"""The ballot engine: one set of services for every vote the organisation holds (docs/ballots.md).

    ballot = create_ballot(organisation=…, by=…, kind=…, question=…, options=[…], …)
    freeze_roll(ballot=ballot, by=…)      # one INSERT … SELECT of who may vote on roll_date
    issue_codes(ballot=ballot, by=…)      # one single-use code each, only its hash stored
    cast_vote(ballot=ballot, code=…, choices=[…], channel=Channel.ONLINE)
    close_ballot(ballot=ballot, by=…)     # every envelope opened, every paper rewritten
    count_ballot(ballot=ballot, by=…)     # all papers, only after the close

Elections, participatory budgets and the journey's statutory ballots call these; nothing
else writes a ballot's rows.
"""

from .casting import VoteRefused, cast_vote, open_envelopes
from .codes import voter_code
from .counting import count_ballot
from .lifecycle import close_ballot, create_ballot
from .roll import freeze_roll, issue_codes

__all__ = [
    "VoteRefused",
    "cast_vote",
    "close_ballot",
    "count_ballot",
    "create_ballot",
    "freeze_roll",
    "issue_codes",
    "open_envelopes",
    "voter_code",
]

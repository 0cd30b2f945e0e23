"""Routes of general and committee meetings, for the permission matrix.

Everyone with a role in the organisation reads its meetings, approved minutes, the decisions log
and the criticisms raised; the committee and staff run meetings (docs/meetings.md).
"""

from datetime import date, timedelta

from django.utils import timezone

from tenantry.core.tests.matrix import SHOWN_TO_ALL
from tenantry.democracy.tests.meeting_factories import (
    CriticismFactory,
    MeetingFactory,
    MinutesFactory,
    MotionFactory,
)

MEETING_RUNNERS = ["login", 403, 200, 200, 403, 403, 404, 404, 200]
MEETING_RUNNERS_POST_ONLY = ["login", 403, 405, 405, 403, 403, 404, 404, 405]


def _meeting(cast) -> int:
    day = timezone.localdate() + timedelta(days=30)
    return MeetingFactory(organisation=cast.tmo, kind="agm", day=day).pk


def _past_meeting(cast) -> int:
    return MinutesFactory(meeting__organisation=cast.tmo, meeting__day=date(2025, 9, 18)).meeting_id


def _criticism(cast) -> int:
    return CriticismFactory(meeting__organisation=cast.tmo).pk


def _motion_pair():
    """The meeting and motion arguments of one motion: made once per request, shared."""
    made = {}

    def meeting(cast) -> int:
        motion = MotionFactory(meeting__organisation=cast.tmo)
        made["motion"] = motion.pk
        return motion.meeting_id

    def motion(cast) -> int:
        return made["motion"]

    return {"pk": meeting, "motion": motion}


ROUTES = {
    "democracy:meetings": ("tmo", {}, SHOWN_TO_ALL),
    "democracy:create-meeting": ("tmo", {}, MEETING_RUNNERS),
    "democracy:decisions": ("tmo", {}, SHOWN_TO_ALL),
    "democracy:criticisms": ("tmo", {}, SHOWN_TO_ALL),
    "democracy:answer-criticism": ("tmo", {"pk": _criticism}, MEETING_RUNNERS),
    "democracy:meeting": ("tmo", {"pk": _meeting}, SHOWN_TO_ALL),
    "democracy:edit-meeting": ("tmo", {"pk": _meeting}, MEETING_RUNNERS),
    "democracy:add-agenda-item": ("tmo", {"pk": _meeting}, MEETING_RUNNERS),
    "democracy:send-notice": ("tmo", {"pk": _meeting}, MEETING_RUNNERS),
    "democracy:notice-letters": ("tmo", {"pk": _meeting}, MEETING_RUNNERS_POST_ONLY),
    "democracy:attendance": ("tmo", {"pk": _meeting}, MEETING_RUNNERS),
    "democracy:proxies": ("tmo", {"pk": _meeting}, MEETING_RUNNERS),
    "democracy:add-motion": ("tmo", {"pk": _meeting}, MEETING_RUNNERS),
    "democracy:motion": ("tmo", _motion_pair(), MEETING_RUNNERS),
    "democracy:propose-minutes-approval": ("tmo", {"pk": _meeting}, MEETING_RUNNERS_POST_ONLY),
    "democracy:minutes": ("tmo", {"pk": _past_meeting}, SHOWN_TO_ALL),
    "democracy:draft-minutes": ("tmo", {"pk": _past_meeting}, MEETING_RUNNERS_POST_ONLY),
    "democracy:edit-minutes": ("tmo", {"pk": _past_meeting}, MEETING_RUNNERS),
    "democracy:raise-criticism": ("tmo", {"pk": _meeting}, MEETING_RUNNERS),
}

# The ballots' scrutineer reads meetings, approved minutes, decisions and criticisms like anyone
# with a role in the organisation, and runs none of it.
SCRUTINEER = {
    name: 200 if outcomes is SHOWN_TO_ALL else 403 for name, (_o, _a, outcomes) in ROUTES.items()
}

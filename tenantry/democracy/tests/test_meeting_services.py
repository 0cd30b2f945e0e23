"""The meeting services: notice in time or with a reason, attendance and proxies towards the
quorum, votes decided by the constitution, polls demanded, minutes approved then locked, and
criticisms answered. Expectations worked by hand."""

from datetime import date, datetime, time
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError

from tenantry.democracy import meeting_selectors as selectors
from tenantry.democracy import meeting_services as services
from tenantry.democracy.models import (
    AttendanceMode,
    Constitution,
    Criticism,
    Minutes,
    Motion,
    Outcome,
)
from tenantry.democracy.tests.meeting_factories import (
    CriticismFactory,
    MeetingFactory,
    MemberFactory,
    MotionFactory,
)

LONDON = ZoneInfo("Europe/London")
pytestmark = pytest.mark.django_db


@pytest.fixture
def constitution(cast):
    return Constitution.objects.create(
        organisation=cast.tmo,
        legal_form="company",
        notice_clear_days=14,
        quorum_rule="greater",
        quorum_number=3,
        quorum_percent=Decimal("25"),
        proxy_deadline_hours=48,
    )


@pytest.fixture
def members(cast):
    return [MemberFactory(organisation=cast.tmo, resident__name=f"Member {n}") for n in range(10)]


@pytest.fixture
def agm(cast, constitution):
    # Thursday 25 June 2026 at 19:00: notice by Wednesday 10 June, proxies by 23 June 19:00.
    return MeetingFactory(organisation=cast.tmo, kind="agm", day=date(2026, 6, 25))


def test_notice_in_time_emails_members_with_an_address_and_counts_letters(
    cast, agm, members, django_capture_on_commit_callbacks
):
    for member in members[:6]:
        member.resident.email = f"m{member.pk}@example.org"
        member.resident.save()
    with django_capture_on_commit_callbacks(execute=True):
        services.send_notice(meeting=agm, by=cast.people["committee"], today=date(2026, 6, 10))
    agm.refresh_from_db()
    assert (agm.notice_given_on, agm.notice_emails, agm.notice_letters) == (
        date(2026, 6, 10),
        6,
        4,
    )
    assert len(mail.outbox) == 6
    assert "Notice of the Annual general meeting on 25 June 2026" in mail.outbox[0].subject
    status = selectors.notice_status(meeting=agm, constitution=Constitution.objects.get())
    assert status.in_time and status.days_given == 14


def test_late_notice_is_refused_without_a_reason(cast, agm, members):
    with pytest.raises(ValidationError) as refused:
        services.send_notice(meeting=agm, by=cast.people["staff"], today=date(2026, 6, 11))
    assert "had to go by Wednesday 10 June" in str(refused.value)
    services.send_notice(
        meeting=agm, by=cast.people["staff"], today=date(2026, 6, 11), late_reason="Hall moved"
    )
    agm.refresh_from_db()
    status = selectors.notice_status(meeting=agm, constitution=Constitution.objects.get())
    assert status.in_time is False and status.days_given == 13
    assert agm.late_notice_reason == "Hall moved"


def test_residents_and_the_landlord_cannot_run_a_meeting(cast, agm, members):
    for role in ("resident", "landlord_officer", "inspector"):
        with pytest.raises(PermissionDenied):
            services.send_notice(meeting=agm, by=cast.people[role], today=date(2026, 6, 1))
        with pytest.raises(PermissionDenied):
            services.mark_attendance(
                meeting=agm, membership=members[0], mode="in_person", by=cast.people[role]
            )


def test_live_quorum_counts_members_and_proxies_held_by_someone_present(cast, agm, members):
    by = cast.people["committee"]
    # 10 members: 25% is 2.5 -> 3; the number is 3; so 3 are needed.
    services.mark_attendance(meeting=agm, membership=members[0], mode="in_person", by=by)
    services.mark_attendance(meeting=agm, membership=members[1], mode="online", by=by)
    services.mark_attendance(meeting=agm, membership=members[2], mode="apologies", by=by)
    services.add_observer(meeting=agm, name="A visitor", mode="in_person", by=by)
    count = selectors.quorum_of(meeting=agm, constitution=Constitution.objects.get())
    assert (count.present, count.proxies, count.needed, count.quorate) == (2, 0, 3, False)

    early = datetime(2026, 6, 20, 10, 0, tzinfo=LONDON)
    late = datetime(2026, 6, 24, 10, 0, tzinfo=LONDON)
    services.lodge_proxy(meeting=agm, member=members[3], holder=members[0], lodged_at=early, by=by)
    services.lodge_proxy(meeting=agm, member=members[4], holder=members[5], lodged_at=early, by=by)
    services.lodge_proxy(meeting=agm, member=members[6], holder=members[1], lodged_at=late, by=by)
    count = selectors.quorum_of(meeting=agm, constitution=Constitution.objects.get())
    # Member 3's proxy counts (holder 0 is here); member 4's holder is absent; 6's came late.
    assert (count.present, count.proxies, count.total, count.quorate) == (2, 1, 3, True)


def test_marking_again_changes_how_a_member_attends(cast, agm, members):
    by = cast.people["staff"]
    services.mark_attendance(meeting=agm, membership=members[0], mode="apologies", by=by)
    services.mark_attendance(meeting=agm, membership=members[0], mode="in_person", by=by)
    assert agm.attendances.get().mode == AttendanceMode.IN_PERSON


def test_someone_who_is_not_a_member_on_the_day_cannot_be_marked(cast, agm):
    left = MemberFactory(organisation=cast.tmo, ended_on=date(2026, 5, 1))
    with pytest.raises(ValidationError, match="not a member on the day"):
        services.mark_attendance(
            meeting=agm, membership=left, mode="in_person", by=cast.people["staff"]
        )


def test_proxies_are_refused_where_the_constitution_allows_none(cast, agm, members, constitution):
    constitution.proxies_allowed = False
    constitution.save()
    with pytest.raises(ValidationError, match="does not allow proxies"):
        services.lodge_proxy(
            meeting=agm,
            member=members[0],
            holder=members[1],
            lodged_at=datetime(2026, 6, 1, tzinfo=LONDON),
            by=cast.people["staff"],
        )


def test_show_of_hands_decides_a_special_resolution_in_words_and_numbers(cast, agm, members):
    motion = services.add_motion(
        motion=Motion(
            meeting=agm,
            title="Change the rules",
            text="That rule 12 is replaced.",
            kind="special",
            proposer=members[0],
            seconder=members[1],
        ),
        by=cast.people["committee"],
    )
    services.record_show_of_hands(
        motion=motion, votes_for=31, against=4, abstentions=2, by=cast.people["committee"]
    )
    motion.refresh_from_db()
    assert motion.outcome == Outcome.CARRIED
    assert motion.outcome_text == (
        "Carried: 31 for, 4 against, 2 abstentions — a special resolution needs at least 75% "
        "of votes cast; 89% voted for"
    )
    assert motion.history.first().history_user == cast.people["committee"]
    with pytest.raises(ValidationError, match="already been decided"):
        services.record_show_of_hands(
            motion=motion, votes_for=1, against=40, abstentions=0, by=cast.people["committee"]
        )


def test_a_motion_cannot_be_seconded_by_its_proposer(cast, agm, members):
    with pytest.raises(ValidationError):
        services.add_motion(
            motion=Motion(
                meeting=agm, title="A", text="B", proposer=members[0], seconder=members[0]
            ),
            by=cast.people["committee"],
        )


def test_a_poll_demanded_is_recorded_for_the_ballot_engine(cast, agm):
    motion = MotionFactory(meeting=agm)
    services.demand_poll(motion=motion, by=cast.people["committee"])
    motion.refresh_from_db()
    assert motion.outcome == Outcome.POLL and motion.poll_demanded_at is not None
    # The engine's count comes back through the same rule as a show of hands: a tie is lost.
    services.record_poll_result(motion=motion, votes_for=40, against=40, abstentions=5, by=None)
    motion.refresh_from_db()
    assert motion.outcome == Outcome.LOST and motion.method == "poll"


def test_minutes_are_drafted_from_the_record_approved_at_the_next_meeting_then_locked(
    cast, agm, members
):
    by = cast.people["committee"]
    services.mark_attendance(meeting=agm, membership=members[0], mode="in_person", by=by)
    services.mark_attendance(meeting=agm, membership=members[1], mode="apologies", by=by)
    services.add_agenda_item(meeting=agm, title="Annual report", by=by)
    motion = MotionFactory(meeting=agm, title="Accounts", text="That the accounts are received.")
    services.record_show_of_hands(motion=motion, votes_for=5, against=0, abstentions=1, by=by)
    CriticismFactory(meeting=agm, text="Nobody answers the office phone.", owner="The Secretary")
    minutes = services.draft_minutes(meeting=agm, by=by)
    text = minutes.text
    assert "Held on Thursday 25 June 2026 at 19:00, Kingsmead Community Hall." in text
    assert "Present: 1 member (1 in person, 0 online)." in text
    assert "Apologies: Member 1." in text
    assert "1. Annual report" in text
    assert "Carried: 5 for, 0 against, 1 abstention" in text
    assert "Nobody answers the office phone. (criticism; The Secretary to answer by" in text
    services.edit_minutes(minutes=minutes, text=text + "Closed at 20:45.\n", by=by)

    later = MeetingFactory(organisation=cast.tmo, kind="general", day=date(2026, 10, 8))
    approval = services.propose_minutes_approval(meeting=later, by=by)
    assert approval.approves_minutes_of == agm
    services.record_show_of_hands(motion=approval, votes_for=12, against=0, abstentions=2, by=by)
    minutes = Minutes.objects.get(meeting=agm)
    assert minutes.locked and minutes.approved_on == date(2026, 10, 8)
    assert minutes.approved_by == approval
    with pytest.raises(ValidationError, match="approved and can no longer be changed"):
        services.edit_minutes(minutes=minutes, text="Rewritten", by=by)
    with pytest.raises(ValidationError, match="approved and can no longer be changed"):
        services.draft_minutes(meeting=agm, by=by)
    assert Minutes.objects.get(meeting=agm).text.endswith("Closed at 20:45.\n")


def test_minutes_not_carried_stay_a_draft(cast, agm):
    by = cast.people["committee"]
    services.draft_minutes(meeting=agm, by=by)
    later = MeetingFactory(organisation=cast.tmo, kind="general", day=date(2026, 10, 8))
    approval = services.propose_minutes_approval(meeting=later, by=by)
    services.record_show_of_hands(motion=approval, votes_for=3, against=9, abstentions=0, by=by)
    assert not Minutes.objects.get(meeting=agm).locked
    # Put once to a meeting; the next meeting may be asked again.
    with pytest.raises(ValidationError, match="No earlier meeting"):
        services.propose_minutes_approval(meeting=later, by=by)
    next_one = MeetingFactory(organisation=cast.tmo, kind="general", day=date(2026, 12, 3))
    assert services.propose_minutes_approval(meeting=next_one, by=by).approves_minutes_of == agm


def test_committee_minutes_are_approved_by_the_committee_not_a_general_meeting(cast, agm):
    by = cast.people["committee"]
    services.draft_minutes(meeting=agm, by=by)
    committee = MeetingFactory(organisation=cast.tmo, kind="committee", day=date(2026, 7, 2))
    with pytest.raises(ValidationError, match="No earlier meeting"):
        services.propose_minutes_approval(meeting=committee, by=by)


def test_answering_a_criticism_takes_it_off_the_waiting_list(cast, agm):
    criticism = CriticismFactory(meeting=agm)
    assert list(selectors.criticisms_of(cast.tmo, answered=False)) == [criticism]
    with pytest.raises(ValidationError):
        services.answer_criticism(criticism=criticism, response="  ", by=cast.people["staff"])
    services.answer_criticism(
        criticism=criticism,
        response="New lights fitted on 3 July.",
        by=cast.people["staff"],
        on=date(2026, 7, 3),
    )
    assert list(selectors.criticisms_of(cast.tmo, answered=False)) == []
    criticism.refresh_from_db()
    assert criticism.status == "answered" and criticism.answered_on == date(2026, 7, 3)
    assert not criticism.overdue(today=date(2026, 9, 1))


def test_an_open_criticism_past_its_date_is_overdue(cast, agm):
    criticism = CriticismFactory(meeting=agm, due_on=date(2026, 7, 31))
    assert not criticism.overdue(today=date(2026, 7, 31))
    assert criticism.overdue(today=date(2026, 8, 1))
    assert Criticism.objects.count() == 1


def test_agm_held_in_time_for_the_year_end(cast, constitution):
    # Year ends in March; within 6 months: by 30 September.
    on_time = MeetingFactory(organisation=cast.tmo, kind="agm", day=date(2026, 9, 30))
    late = MeetingFactory(organisation=cast.tmo, kind="agm", day=date(2026, 10, 1))
    timing = selectors.agm_timing(meeting=on_time, constitution=constitution)
    assert (timing.year_end, timing.due_by, timing.in_time) == (
        date(2026, 3, 31),
        date(2026, 9, 30),
        True,
    )
    assert not selectors.agm_timing(meeting=late, constitution=constitution).in_time
    general = MeetingFactory(organisation=cast.tmo, kind="general", starts_at=time(18, 0))
    assert selectors.agm_timing(meeting=general, constitution=constitution) is None

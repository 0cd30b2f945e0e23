"""A year of meetings for each managing organisation: a general meeting about the repairs
contract and an AGM with a special resolution passed by show of hands, both with attendance,
proxies, notice given in time, minutes (the general meeting's approved at the AGM) and
criticisms raised and answered (one still open); and a general meeting to come, its notice sent.
The same for the same seed."""

import random
from collections.abc import Callable
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from tenantry.democracy import meeting_services as services
from tenantry.democracy.meeting_selectors import constitution_of
from tenantry.democracy.models import Criticism, Meeting, Membership, Motion
from tenantry.democracy.notice import agm_due_by, year_end_before
from tenantry.homes.models import Resident
from tenantry.organisations.models import Organisation

STAND_IN_MEMBERS = 60


def add_stand_in_members(*, organisation: Organisation, as_of: date, rng: random.Random) -> int:
    """Stand-in members for an organisation that has none yet: lead tenants of some of its
    current households, who joined in the last six years.

    The members register's own demo step replaces this one: it runs only while the organisation
    has no memberships at all.
    """
    if Membership.objects.filter(organisation=organisation).exists():
        return 0
    leads = list(
        Resident.objects.filter(
            is_lead_tenant=True,
            household__ended_on__isnull=True,
            household__home__coverage__agreement__organisation=organisation,
        )
        .select_related("household")
        .distinct()
        .order_by("pk")[: STAND_IN_MEMBERS * 3]
    )
    chosen = sorted(rng.sample(leads, k=min(STAND_IN_MEMBERS, len(leads))), key=lambda r: r.pk)
    members = []
    for number, resident in enumerate(chosen, start=1):
        joined = as_of - timedelta(days=rng.randrange(400, 6 * 365))
        members.append(
            Membership(
                organisation=organisation,
                resident=resident,
                household=resident.household,
                number=number,
                status="member",
                joined_by=rng.choice(["paper", "online", "meeting"]),
                applied_on=joined - timedelta(days=rng.randrange(7, 40)),
                joined_on=joined,
            )
        )
    Membership.objects.bulk_create(members)
    return len(members)


def _thursday_before(day: date) -> date:
    return day - timedelta(days=(day.weekday() - 3) % 7)


def _attend(meeting, members, rng, *, in_person, online, apologies, proxies, absent_proxy):
    """Marks attendance and lodges proxies; returns the members present (in person first)."""
    pool = list(members)
    rng.shuffle(pool)
    here = pool[: in_person + online]
    for n, member in enumerate(here):
        mode = "in_person" if n < in_person else "online"
        services.mark_attendance(meeting=meeting, membership=member, mode=mode, by=None)
    rest = pool[in_person + online :]
    for member in rest[:apologies]:
        services.mark_attendance(meeting=meeting, membership=member, mode="apologies", by=None)
    start = timezone.make_aware(datetime.combine(meeting.day, meeting.starts_at))
    givers = rest[apologies : apologies + proxies + absent_proxy]
    absent_holders = rest[apologies + proxies + absent_proxy :]
    for n, member in enumerate(givers):
        holder = here[n % len(here)] if n < proxies else absent_holders[0]
        services.lodge_proxy(
            meeting=meeting,
            member=member,
            holder=holder,
            lodged_at=start - timedelta(days=rng.randrange(3, 9), hours=rng.randrange(0, 8)),
            by=None,
        )
    services.add_observer(meeting=meeting, name="Cllr Dawn Fletcher", mode="in_person", by=None)
    services.add_observer(
        meeting=meeting, name="Sam Reid (housing officer)", mode="online", by=None
    )
    return here


def _meeting(organisation, kind, day, title, agenda) -> Meeting:
    meeting = services.save_meeting(
        meeting=Meeting(
            organisation=organisation,
            kind=kind,
            title=title,
            day=day,
            starts_at=time(19, 0),
            place=f"{organisation.name} community room",
            online_link="https://meet.example.org/"
            + organisation.slug
            + "-"
            + day.strftime("%Y%m%d"),
        ),
        by=None,
    )
    for item in agenda:
        services.add_agenda_item(meeting=meeting, title=item, by=None)
    return meeting


def _motion(meeting, here, title, text, kind, counts) -> Motion:
    motion = services.add_motion(
        motion=Motion(
            meeting=meeting, title=title, text=text, kind=kind, proposer=here[0], seconder=here[1]
        ),
        by=None,
    )
    votes_for, against, abstentions = counts
    return services.record_show_of_hands(
        motion=motion, votes_for=votes_for, against=against, abstentions=abstentions, by=None
    )


def _criticism(meeting, text, owner, due, *, kind="criticism", raised_by="", answer=None):
    criticism = services.raise_criticism(
        criticism=Criticism(
            meeting=meeting, kind=kind, text=text, owner=owner, due_on=due, raised_by=raised_by
        ),
        by=None,
    )
    if answer:
        response, on = answer
        services.answer_criticism(criticism=criticism, response=response, by=None, on=on)


@transaction.atomic
def add_demo_meetings_for(*, organisation: Organisation, as_of: date, seed: int = 1) -> bool:
    """One organisation's year of meetings (nothing when it has meetings already)."""
    if organisation.meetings.exists():
        return False
    rng = random.Random(f"{seed}-{organisation.slug}")
    add_stand_in_members(organisation=organisation, as_of=as_of, rng=rng)
    # Members throughout the year of meetings: members 400 days ago who still are today.
    throughout = Membership.objects.current(as_of).filter(organisation=organisation)
    members = list(
        Membership.objects.current(as_of - timedelta(days=400))
        .filter(organisation=organisation, pk__in=throughout.values("pk"))
        .select_related("resident")
        .order_by("pk")
    )
    if len(members) < 12:
        return False
    # A small co-operative's meetings are smaller: the attendance below is for 40 members or more.
    scale = min(1.0, len(members) / 40)

    def n(full: int) -> int:
        return max(1, round(full * scale))

    # The AGM within the constitution's months of the last year end, some weeks ago; the general
    # meeting four months before it, so the AGM approves its minutes.
    constitution = constitution_of(organisation)
    target = as_of - timedelta(days=75)
    due = agm_due_by(
        held_for_year_ending=year_end_before(target, constitution.year_end_month),
        within_months=constitution.agm_within_months,
    )
    agm_day = _thursday_before(min(target, due - timedelta(days=10)))
    general_day = _thursday_before(agm_day - timedelta(days=120))
    general = _meeting(
        organisation,
        "general",
        general_day,
        "General meeting: the repairs contract",
        ["Apologies", "The repairs contract from April", "Questions from members"],
    )
    services.send_notice(
        meeting=general, by=None, today=general_day - timedelta(days=21), send_emails=False
    )
    here = _attend(
        general,
        members,
        rng,
        in_person=n(16),
        online=n(2),
        apologies=n(4),
        proxies=n(2),
        absent_proxy=0,
    )
    _motion(
        general,
        here,
        "Renew the repairs contract",
        "That the committee renews the repairs contract with Northbrook Building Services for "
        "three years, with a target of 90% of repairs right first time.",
        "ordinary",
        (n(15), n(3), n(2)),
    )
    _criticism(
        general,
        "Repairs to the communal entrance doors take weeks; the doors are left insecure.",
        "Repairs sub-committee chair",
        general_day + timedelta(days=28),
        raised_by="A member from Block C",
        answer=(
            "Door repairs are now a 24-hour emergency job in the contract, checked monthly by "
            "the repairs sub-committee.",
            general_day + timedelta(days=21),
        ),
    )
    _criticism(
        general,
        "Why are the committee's minutes not on the noticeboard?",
        "The Secretary",
        general_day + timedelta(days=14),
        kind="question",
        answer=(
            "Approved minutes now go on every block's noticeboard and on this site.",
            general_day + timedelta(days=10),
        ),
    )
    services.draft_minutes(meeting=general, by=None)

    agm = _meeting(
        organisation,
        "agm",
        agm_day,
        f"Annual general meeting {agm_day.year}",
        [
            "Apologies",
            "Minutes of the last general meeting",
            "Annual report and accounts",
            "Election of the committee",
            "Changing the rules: attending online",
            "Questions from members",
        ],
    )
    services.send_notice(
        meeting=agm, by=None, today=agm_day - timedelta(days=18), send_emails=False
    )
    here = _attend(
        agm, members, rng, in_person=19, online=4, apologies=5, proxies=3, absent_proxy=1
    )
    approval = services.propose_minutes_approval(meeting=agm, by=None)
    approval.proposer, approval.seconder = here[2], here[3]
    approval.save()
    services.record_show_of_hands(
        motion=approval, votes_for=n(21), against=0, abstentions=n(2), by=None
    )
    _motion(
        agm,
        here,
        "Receive the annual report and accounts",
        "That the annual report and the accounts for the year are received.",
        "ordinary",
        (n(24), n(1), n(1)),
    )
    _motion(
        agm,
        here[4:],
        "Members may attend general meetings online",
        "That rule 14 is changed so that members may attend, speak and vote at general meetings "
        "online, and count towards the quorum.",
        "special",
        (n(21), n(3), n(2)),
    )
    _criticism(
        agm,
        "The caretaking on the estate is worse since the new rota started.",
        "Estate manager",
        agm_day + timedelta(days=28),
        raised_by="Members from the tower blocks",
        answer=(
            "The rota is changed back: the tower blocks are cleaned daily again from Monday.",
            agm_day + timedelta(days=17),
        ),
    )
    _criticism(
        agm,
        "When will the lifts in the tower blocks be replaced, and who decides?",
        "The Chair",
        agm_day + timedelta(days=42),
        kind="question",
        raised_by="",
    )
    services.draft_minutes(meeting=agm, by=None)

    upcoming_day = _thursday_before(as_of + timedelta(days=27))
    upcoming = _meeting(
        organisation,
        "general",
        upcoming_day,
        "General meeting: the estate budget",
        ["Apologies", "Minutes of the AGM", "How to spend the estate budget", "Questions"],
    )
    services.send_notice(meeting=upcoming, by=None, today=as_of, send_emails=False)
    services.propose_minutes_approval(meeting=upcoming, by=None)
    return True


def add_demo_meetings(
    *, as_of: date | None = None, progress: Callable[[str], None] = lambda m: None
) -> None:
    """A year of meetings for every organisation that manages homes for a landlord."""
    as_of = as_of or timezone.localdate()
    for organisation in Organisation.objects.filter(kind__in=Organisation.MANAGING_KINDS).order_by(
        "pk"
    ):
        if add_demo_meetings_for(organisation=organisation, as_of=as_of):
            progress(f"A year of meetings at {organisation.name}")

"""The demo's journey trackers (tenantry/journey): two tenant groups the North West network
helps. Hollybank Tenants and Residents Group has served its Right to Manage proposal notice and
waits for the council's answer, due within the warning window; Weavers Row Residents
Association became an organisation on Tenantry and has scheduled its ballot. Each group is
found by name, so a group the demo made elsewhere is used, not made twice."""

from collections.abc import Callable
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from tenantry.core.models import User
from tenantry.demo.generate import DEMO_PASSWORD
from tenantry.demo.network import ADVISER, NETWORK
from tenantry.journey import services_tracker as tracker
from tenantry.journey.eligibility import Facts
from tenantry.journey.models import Document, Group, GroupMembership, Stage
from tenantry.organisations.models import Organisation

LANDLORD = "northbrook-council"
HOLLYBANK = "Hollybank Tenants and Residents Group"
WEAVERS = "Weavers Row Residents Association"
HOLLYBANK_MEMBER = ("group@example.org", "Grace Obi")
WEAVERS_MEMBER = ("weavers@example.org", "Rukhsana Begum")

CONSTITUTION = b"""Hollybank Tenants and Residents Group: constitution

1. Name. The group is called Hollybank Tenants and Residents Group.
2. Area. The homes of the Hollybank estate, Northbrook.
3. Membership. Any tenant of a home in the area may become a member.
4. Equal opportunities. The group avoids unlawful discrimination in all it does.
5. Running the group. A committee elected each year at the annual general meeting.
"""


def _person(email: str, name: str) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        user = User.objects.create_user(email=email, password=DEMO_PASSWORD, name=name)
    return user


def _group(network: Organisation, name: str, **fields) -> Group:
    group, _created = Group.objects.get_or_create(network=network, name=name, defaults=fields)
    return group


def add_demo_journey_trackers(*, progress: Callable[[str], None] = lambda m: None) -> None:
    """The two groups, their dates, tasks, a document, checks and the ballot (only once)."""
    network = Organisation.objects.filter(slug=NETWORK).first()
    landlord = Organisation.objects.filter(slug=LANDLORD).first()
    if network is None or landlord is None:
        return
    if Organisation.objects.filter(slug="weavers-row").exists():
        return
    progress("Two tenant groups' journeys…")
    today = timezone.localdate()
    adviser = User.objects.get(email=ADVISER[0])
    _hollybank(network, landlord, adviser, today)
    _weavers_row(network, landlord, adviser, today)


def _hollybank(network, landlord, adviser, today) -> None:
    group = _group(
        network,
        HOLLYBANK,
        area="Hollybank estate, Northbrook",
        homes=212,
        landlord_name=landlord.name,
        landlord=landlord,
        contact_name=HOLLYBANK_MEMBER[1],
        contact_email=HOLLYBANK_MEMBER[0],
        consent_to_contact=True,
        stage=Stage.PROPOSAL,
        adviser=adviser,
    )
    member = _person(*HOLLYBANK_MEMBER)
    GroupMembership.objects.get_or_create(group=group, user=member)
    tracker.save_eligibility_check(
        group=group,
        answers={
            "written_constitution": "yes",
            "names_area": "yes",
            "any_tenant_may_join": "yes",
            "avoids_discrimination": "yes",
            "run_by_members": "yes",
            "secure_tenancies": 168,
            "all_in_area": "yes",
            "other_agreement": "no",
            "copy_delivered": "yes",
            "vote_route": "ballot",
            "members": 74,
            "in_favour": 52,
            "tenants": 190,
            "tenant_members": 74,
        },  # fmt: skip
        facts=Facts(
            written_constitution=True,
            names_area=True,
            any_tenant_may_join=True,
            avoids_discrimination=True,
            run_by_meeting_or_elected_committee=True,
            secure_tenancies=168,
            all_in_area=True,
            some_under_other_agreement=False,
            copy_delivered_to_every_home=True,
            vote_route="ballot",
            members=74,
            in_favour=52,
            tenants=190,
            tenant_members=74,
        ),  # fmt: skip
        by=member,
        today=today - timedelta(days=30),
    )
    # Served 20 days ago: the council's 28 days end in 8, inside the warning window.
    tracker.record_milestone(
        group=group,
        kind="notice_served_on",
        happened_on=today - timedelta(days=20),
        note="Delivered by hand to the Town Hall; receipt kept.",
        by=member,
    )
    delivered = tracker.add_task(
        group=group,
        title="Deliver a copy of the notice to every home",
        assignee=member,
        due_on=today - timedelta(days=22),
        by=member,
    )
    tracker.mark_task_done(task=delivered, by=member, today=today - timedelta(days=23))
    tracker.add_task(
        group=group,
        title="Book the community centre for the members' meeting",
        assignee_name="Comfort Mensah (adviser)",
        due_on=today - timedelta(days=2),
        by=adviser,
    )
    tracker.add_task(
        group=group,
        title="Write to the council if no answer comes by the deadline",
        assignee=member,
        due_on=today + timedelta(days=9),
        by=member,
    )
    if not Document.objects.filter(group=group).exists():
        upload = ContentFile(CONSTITUTION, name="hollybank-constitution.txt")
        tracker.add_document(group=group, title="Our constitution", upload=upload, by=member)


def _weavers_row(network, landlord, adviser, today) -> None:
    group = _group(
        network,
        WEAVERS,
        area="Weavers Row and Loom Street, Northbrook",
        homes=64,
        landlord_name=landlord.name,
        landlord=landlord,
        contact_name=WEAVERS_MEMBER[1],
        contact_email=WEAVERS_MEMBER[0],
        consent_to_contact=True,
        stage=Stage.EXPLORING,
        adviser=adviser,
    )
    member = _person(*WEAVERS_MEMBER)
    GroupMembership.objects.get_or_create(group=group, user=member)
    served = today - timedelta(days=420)
    for kind, day in [
        ("notice_served_on", served),
        ("council_answered_on", served + timedelta(days=26)),
        ("acceptance_date", served + timedelta(days=28)),
        ("assessor_applied_on", served + timedelta(days=60)),
        ("report_received_on", served + timedelta(days=380)),
    ]:
        tracker.record_milestone(group=group, kind=kind, happened_on=day, by=member)
    tracker.add_task(
        group=group,
        title="Put up posters about the ballot on every stairwell",
        assignee=member,
        due_on=today + timedelta(days=14),
        by=member,
    )
    if group.organisation_id is None:
        tracker.make_organisation(
            group=group,
            name=WEAVERS,
            slug="weavers-row",
            kind=Organisation.Kind.RESIDENTS_ASSOCIATION,
            landlord=landlord,
            by=adviser,
        )
        group.refresh_from_db()
    tracker.schedule_tenants_ballot(
        group=group,
        question=(
            "Do you want Weavers Row Residents Association to manage your homes under a "
            "management agreement with Northbrook Borough Council?"
        ),
        roll_date=today + timedelta(days=14),
        opens_on=today + timedelta(days=21),
        closes_on=today + timedelta(days=35),
        by=member,
    )

"""The demo's tenant groups (tenantry/journey): groups that registered interest with the North
West network, at different stages of the road to tenant control, with the adviser's contacts;
one group's contact, Grace Obi, signs in as group@example.org. The network keeps two grant
programmes of its own. Every group, place and person is made up."""

from collections.abc import Callable
from datetime import timedelta

from django.utils import timezone

from tenantry.core.models import User
from tenantry.demo.generate import DEMO_PASSWORD
from tenantry.demo.network import ADVISER, NETWORK
from tenantry.journey import services
from tenantry.journey.models import ClosedReason, ContactNote, Group, GroupMembership, Stage
from tenantry.organisations.audit import save_checked
from tenantry.organisations.models import Organisation

GROUP_CONTACT = ("group@example.org", "Grace Obi")
GROUP_NAME = "Hollybank Tenants and Residents Group"

# name, area, homes, landlord, stage, days since registering, confirmed, advised, contact,
# services wanted, what the group does, contacts (days ago, how, note)
GROUPS = [
    (GROUP_NAME, "Hollybank estate, Salford", 240, "Salford City Council", Stage.FEASIBILITY, 150,
     True, True, (GROUP_CONTACT[1], GROUP_CONTACT[0]),
     ["caretaking", "repairs", "grounds_maintenance"],
     "We meet every month, run the community garden and walk the estate with the housing "
     "officer each quarter.",
     [(140, "phone", "First call. The group is worried about slow repairs and wants to know "
                     "whether taking on caretaking would help."),
      (120, "visit", "Walked the estate with four committee members; took them to see "
                     "Kingsmead TMO's caretakers at work."),
      (60, "meeting", "Agreed to apply for the exploring grant and to start a feasibility "
                      "study. Next: a door-knock survey of all 240 homes.")]),
    ("Ash Court Residents", "Ash Court, Bolton", 64, "Bolton at Home", Stage.INTEREST, 2,
     True, False, ("Derek Holt", "ashcourt@example.net"), ["cleaning", "caretaking"],
     "Just starting: six neighbours who want the block kept cleaner.", []),
    ("Millbrook Lane Tenants", "Millbrook Lane, Wigan", 38, "Wigan Council", Stage.INTEREST, 0,
     False, False, ("Priya Shah", "millbrook@example.net"), ["grounds_maintenance"], "", []),
    ("Canal Side Residents' Association", "Ancoats, Manchester", 410, "Northbrook Borough Council",
     Stage.EXPLORING, 45, True, True, ("Tomasz Nowak", "canalside@example.net"),
     ["repairs", "asb"], "An association of 30 years' standing; meets the landlord monthly.",
     [(40, "email", "Sent the forms tenant control takes and the Right to Manage checker."),
      (20, "meeting", "Spoke at their general meeting: 55 people came. Strong interest in a "
                      "tenant management organisation for repairs.")]),
    ("Fernhill Co-operative Steering Group", "Fernhill, Preston", 150, "Preston City Council",
     Stage.PROPOSAL, 400, True, True, ("Mary Cole", "fernhill@example.net"),
     ["voids_lettings", "repairs", "caretaking"], "Registered as a community benefit society.",
     [(380, "meeting", "Constitution checked against the Right to Manage regulations."),
      (30, "phone", "The proposal notice went to the council last week; the council has 30 "
                    "days to answer.")]),
    ("St Helens Road Tenants' and Residents' Association", "St Helens Road, Liverpool", 520,
     "Liverpool Mutual Homes", Stage.BALLOT, 900, True, True,
     ("Lorraine Kay", "sthelensroad@example.net"), ["repairs", "caretaking", "rent_collection"],
     "Has run the estate's community centre for ten years.",
     [(14, "meeting", "Ballot papers are out; the independent scrutineer counts on the 28th.")]),
    ("Brunswick Gardens Tenants", "Brunswick Gardens, Rochdale", 90, "Rochdale Boroughwide",
     Stage.EXPLORING, 300, True, True, ("Sam Peters", "brunswick@example.net"), ["cleaning"],
     "", [(250, "visit", "Visited with the committee; the group is small and tired.")]),
]  # fmt: skip

PROGRAMMES = [
    ("Starting out grant", "North West Tenant Control Network",
     "Up to £2,000 for a new group's first year: meeting rooms, leaflets and training.", True,
     [("Has your group held a meeting open to every tenant in the area?", "yes_no", None,
       "Hold one first: an adviser can help you plan it."),
      ("How many tenants are members of your group?", "at_least", 5, "")]),
    ("Visit a tenant-run estate bursary", "North West Tenant Control Network",
     "Travel and a day's costs for up to four members to visit a group that runs its homes.",
     False,
     [("Has an adviser from the network met your group?", "yes_no", None, "")]),
]  # fmt: skip


def add_demo_groups(*, progress: Callable[[str], None] = lambda m: None) -> None:
    """The network's groups, its grant programmes and the group contact's login (only the
    first time)."""
    network = Organisation.objects.filter(slug=NETWORK).first()
    if network is None or Group.objects.filter(network=network).exists():
        return
    progress("Tenant groups on the road to tenant control…")
    adviser = User.objects.get(email=ADVISER[0])
    landlords = {
        o.name: o for o in Organisation.objects.filter(kind__in=Organisation.LANDLORD_KINDS)
    }
    now = timezone.now()
    today = timezone.localdate()
    for (name, area, homes, landlord, stage, days, confirmed, advised, (contact, email),
         wanted, does, contacts) in GROUPS:  # fmt: skip
        registered = now - timedelta(days=days, hours=3)
        group = Group(
            network=network,
            name=name,
            area=area,
            homes=homes,
            landlord_name=landlord,
            landlord=landlords.get(landlord),
            already_does=does,
            services_wanted=wanted,
            contact_name=contact,
            contact_email=email,
            consent_to_contact=True,
            heard_from="network",
            stage=stage,
            email_confirmed_at=registered + timedelta(minutes=20) if confirmed else None,
            adviser=adviser if advised else None,
        )
        save_checked(group, None)
        Group.objects.filter(pk=group.pk).update(created_at=registered)
        for ago, how, note in contacts:
            ContactNote.objects.create(
                group=group, on=today - timedelta(days=ago), how=how, note=note,
                recorded_by=adviser,
            )  # fmt: skip
        if name == "Brunswick Gardens Tenants":
            _close(group, adviser)
        if email == GROUP_CONTACT[0]:
            member = User.objects.create_user(
                email=email, password=DEMO_PASSWORD, name=GROUP_CONTACT[1]
            )
            GroupMembership.objects.create(group=group, user=member)
    for name, funder, summary, published, conditions in PROGRAMMES:
        programme = services.create_programme(
            organisation=network, name=name, funder=funder, summary=summary, by=None
        )
        for question, kind, minimum, advice in conditions:
            services.add_condition(
                programme=programme, question=question, kind=kind, minimum=minimum,
                advice=advice, by=None,
            )  # fmt: skip
        if published:
            services.publish_programme(programme=programme, by=None)


def _close(group: Group, adviser: User) -> None:
    from tenantry.journey import services_groups

    services_groups.close_group(
        group=group,
        reason=ClosedReason.NOT_NOW,
        note="Too few active members to take on a service now; they will come back to us "
        "once the new committee is elected.",
        by=adviser,
    )

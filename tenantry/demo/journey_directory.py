"""The demo's directory of organisations already in control, and a tenant group's visits.

Kingsmead TMO, Brookfield TMC and Marsh Lane EMB publish their pages with stories in their own
words (made up for the demo: they are not claims about real organisations). Hollybank Tenants
and Residents Group, helped by the demo's network, has visited Brookfield (both sides wrote down
what was learnt), has dates offered by Marsh Lane, and has asked Kingsmead, whose committee
(committee@example.org) sees the request. The group's member signs in as group@example.org.
"""

import io
from collections.abc import Callable
from datetime import timedelta

from django.core.files.base import ContentFile
from django.utils import timezone
from PIL import Image, ImageDraw

from tenantry.core.models import User
from tenantry.demo.generate import DEMO_PASSWORD
from tenantry.demo.network import ADVISER, NETWORK
from tenantry.democracy.election_forms import candidate_photo
from tenantry.journey import services_directory as services
from tenantry.journey.models import Group, GroupMembership, Profile, Side, Visit, VisitDate
from tenantry.journey.selectors_directory import profile_defaults
from tenantry.organisations.models import Organisation

GROUP = "Hollybank Tenants and Residents Group"
GROUP_MEMBER = ("group@example.org", "Grace Obi")

STORIES = {
    "kingsmead-tmo": {
        "story": (
            "Twenty years ago the estate felt forgotten. Repairs took months and nobody "
            "answered the phone. A few of us started meeting in the community room. We "
            "asked the council to let us run things ourselves.\n\n"
            "Now our own office is on the estate. Our staff know every block. Most repairs "
            "are done within the week, and residents vote on how the budget is spent.\n\n"
            "Our advice? Start with one thing you can do well. Keep people involved, and "
            "ask for help. Come and see us, and we will show you how we work."
        ),
        "contact": ("Patrick Kelly", "hello@kingsmead-tmo.example.org"),
        "photo": "Residents and staff outside the estate office",
    },
    "brookfield-tmc": {
        "story": (
            "We are a small co-op of 150 homes. We took over the caretaking first, then "
            "repairs, then the lettings. Every tenant can be a member, and the members "
            "choose the committee each year.\n\n"
            "The best part is knowing who to talk to. If a light is out, you tell a "
            "neighbour, and it gets fixed. We spend what we save on the garden and the "
            "youth club.\n\n"
            "Groups often ask how much time it takes. The honest answer is a few hours a "
            "week, and a lot of tea. Visit us on a Saturday and see."
        ),
        "contact": ("Sue Brennan", "office@brookfield-tmc.example.org"),
    },
    "marsh-lane-emb": {
        "story": (
            "Our board has tenants, leaseholders, council members and people from the "
            "area. Together we look after 600 homes. We run the repairs, the cleaning and "
            "the grounds, and we deal with complaints.\n\n"
            "It took us two years to get ready. We did the training, we went on visits, and "
            "we wrote our plan with the council. It was worth it. People trust us because "
            "we live here too.\n\n"
            "We are happy to talk to any group thinking about it. Ask us what went wrong "
            "as well as what went right."
        ),
        "contact": None,
    },
}


def _photo() -> ContentFile:
    """A drawn stand-in for a photo of the estate office: sky, a low building, the green."""
    image = Image.new("RGB", (800, 500), (176, 208, 232))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 360, 800, 500), fill=(96, 150, 80))
    draw.rectangle((180, 180, 620, 380), fill=(170, 110, 90))
    draw.polygon([(160, 190), (400, 90), (640, 190)], fill=(90, 70, 70))
    draw.rectangle((370, 280, 430, 380), fill=(50, 70, 110))
    for x in (220, 300, 470, 550):
        draw.rectangle((x, 220, x + 50, 260), fill=(240, 240, 210))
    data = io.BytesIO()
    image.save(data, "PNG")
    return candidate_photo(ContentFile(data.getvalue(), name="office.png"))


def _publish(slug: str) -> Organisation | None:
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        return None
    story = STORIES[slug]
    contact = story["contact"] or ("", "")
    services.save_profile(
        organisation=organisation,
        **profile_defaults(organisation),
        story=story["story"],
        contact_name=contact[0],
        contact_email=contact[1],
        show_contact=bool(story["contact"]),
        welcomes_visits=True,
        photo=_photo() if story.get("photo") else None,
        photo_description=story.get("photo", ""),
        by=None,
    )
    services.publish_profile(organisation=organisation, by=None)
    return organisation


def _group(network: Organisation) -> Group:
    adviser = User.objects.filter(email=ADVISER[0]).first()
    group, _created = Group.objects.get_or_create(
        name=GROUP,
        network=network,
        defaults={
            "area": "Hollybank estate, Northbrook",
            "homes": 240,
            "landlord_name": "Northbrook Council",
            "landlord": Organisation.objects.filter(slug="northbrook-council").first(),
            "contact_name": GROUP_MEMBER[1],
            "contact_email": GROUP_MEMBER[0],
            "consent_to_contact": True,
            "adviser": adviser,
            "already_does": "A residents' association for twelve years: a newsletter, a "
            "summer fun day and a repairs surgery with the council each month.",
        },
    )
    member = User.objects.filter(email=GROUP_MEMBER[0]).first()
    if member is None:
        member = User.objects.create_user(
            email=GROUP_MEMBER[0], password=DEMO_PASSWORD, name=GROUP_MEMBER[1]
        )
    GroupMembership.objects.get_or_create(group=group, user=member)
    return group


def add_demo_directory(*, progress: Callable[[str], None] = lambda m: None) -> None:
    """The three pages and the group's three visits (only the first time)."""
    network = Organisation.objects.filter(slug=NETWORK).first()
    if network is None or Profile.objects.filter(published_at__isnull=False).exists():
        return
    progress("The directory of organisations in control, and visits…")
    hosts = {slug: _publish(slug) for slug in STORIES}
    group = _group(network)
    now = timezone.now()
    at_ten = now.replace(hour=10, minute=30, second=0, microsecond=0)

    if hosts["brookfield-tmc"]:
        visit = services.request_visit(
            group=group,
            host=hosts["brookfield-tmc"],
            wants_to_learn="How you took over the caretaking, and how members choose the "
            "committee.",
            people=6,
            preferred_times="A Saturday morning",
            access_needs="One of us uses a wheelchair.",
            by=None,
        )
        services.accept_visit(visit=visit, dates=[at_ten + timedelta(days=2)], by=None)
        services.choose_date(visit=visit, date=visit.dates.get().pk, by=None)
        # The visit happened three weeks ago, asked for two months ago: the demo moves its
        # days back.
        VisitDate.objects.filter(visit=visit).update(starts_at=at_ten - timedelta(days=21))
        Visit.objects.filter(pk=visit.pk).update(
            requested_at=now - timedelta(days=60), answered_at=now - timedelta(days=55)
        )
        visit.refresh_from_db()
        services.record_learning(
            visit=visit,
            side=Side.HOST,
            first="Our office, the caretakers' store and the garden. Two committee members "
            "talked about the first year.",
            second="How long it took to get ready. What happens if the money runs short. How "
            "we find new committee members.",
            by=None,
        )
        services.record_learning(
            visit=visit,
            side=Side.GROUP,
            first="That they started small, with one service. That members really do run it, "
            "and the staff answer to them.",
            second="Ask our members at the next meeting if we should look into the caretaking. "
            "Ask the network about a grant to explore it.",
            by=None,
        )

    if hosts["marsh-lane-emb"]:
        visit = services.request_visit(
            group=group,
            host=hosts["marsh-lane-emb"],
            wants_to_learn="How your board works with the council, and how you run repairs.",
            people=4,
            preferred_times="A weekday evening in the next two months",
            by=None,
        )
        services.accept_visit(
            visit=visit,
            dates=[at_ten + timedelta(days=d, hours=8) for d in (16, 23, 30)],
            by=None,
        )
        Visit.objects.filter(pk=visit.pk).update(requested_at=now - timedelta(days=9))

    if hosts["kingsmead-tmo"]:
        services.request_visit(
            group=group,
            host=hosts["kingsmead-tmo"],
            wants_to_learn="How you keep residents involved, and how you set the repairs budget.",
            people=8,
            preferred_times="Any Saturday in spring",
            access_needs="Step-free access, please, and somewhere to sit.",
            by=None,
        )

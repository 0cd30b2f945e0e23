"""What residents do online in the demo: repair reports waiting for staff to triage them (with
when residents are in and a photo), and a survey the demo resident's household can answer from
their account.

Reports go through the same service a resident's form calls, as residents who have an account;
only their times are moved back, so the triage list has an oldest report and one that is late.
"""

import io
import random
from collections.abc import Callable
from datetime import timedelta

from django.core.files.base import ContentFile
from django.db.models import F
from django.utils import timezone
from PIL import Image, ImageDraw

from tenantry.core.models import User
from tenantry.core.permissions import Role
from tenantry.homes.models import Resident
from tenantry.organisations import services as organisations
from tenantry.organisations.models import Organisation
from tenantry.records import services as records
from tenantry.records.models import Complaint, Repair
from tenantry.records.selectors.keeping import may_keep_records_of
from tenantry.surveys import services as surveys

# (trade, what the resident wrote, emergency, damp or mould, when they are in, with a photo)
REPORTS = [
    ("heating", "The radiator in the back bedroom stays cold even with the heating on full.",
     False, False, "Weekdays after 3pm; a neighbour at number 4 has a key.", True),
    ("plumbing", "Water is dripping through the kitchen ceiling from the bathroom above.",
     True, False, "Any time, I work from home.", True),
    ("damp_mould", "Black mould in the corner of the children's bedroom, coming back after "
     "cleaning.", False, True, "Mornings before 11am, not Wednesdays.", False),
    ("carpentry", "The front door sticks and is hard to lock.", False, False, "", False),
]  # fmt: skip
# Hours before now each report arrived: the first is past the day promised to look at it.
AGES = [80, 30, 6, 1]


def demo_photo(seed: int) -> ContentFile:
    """A small PNG standing in for a resident's phone photo: a wall with a dark patch."""
    rng = random.Random(seed)
    image = Image.new("RGB", (320, 240), (224, 216, 200))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 180, 320, 240), fill=(150, 120, 90))
    for _ in range(40):
        x, y, r = rng.randint(60, 260), rng.randint(20, 160), rng.randint(4, 18)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(60, 70, 60))
    data = io.BytesIO()
    image.save(data, "PNG")
    return ContentFile(data.getvalue(), name="photo.png")


def _reporters(organisation: Organisation, count: int) -> list[User]:
    """Residents of the organisation's homes with an account, the demo resident first."""
    residents = list(
        Resident.objects.filter(
            is_lead_tenant=True,
            household__ended_on__isnull=True,
            household__home__coverage__agreement__organisation=organisation,
        )
        .select_related("user")
        .distinct()
        .order_by(F("user_id").desc(nulls_last=True), "pk")[:count]
    )
    users = []
    for n, resident in enumerate(residents):
        if resident.user is None:
            email = f"{organisation.slug}.resident{n}@example.org"
            resident.user = User.objects.create_user(email=email, name=resident.name)
            resident.email = resident.email or email
            resident.save(update_fields=["user", "email"])
            organisations.assign_role(
                user=resident.user, organisation=organisation, role=Role.RESIDENT
            )
        users.append(resident.user)
    return users


def add_demo_reports(
    *, slugs: tuple[str, ...] = ("kingsmead-tmo", "brookfield-tmc"), progress=lambda m: None
) -> int:
    """Repair reports awaiting triage at each organisation named; returns how many."""
    made = 0
    now = timezone.now()
    for slug in slugs:
        organisation = Organisation.objects.filter(slug=slug).first()
        if organisation is None or not may_keep_records_of(
            organisation=organisation, kind="repairs"
        ):
            continue
        reports = REPORTS if slug == slugs[0] else REPORTS[:1]
        for n, (user, spec, age) in enumerate(
            zip(_reporters(organisation, len(reports)), reports, AGES, strict=False)
        ):
            trade, description, emergency, damp, access, with_photo = spec
            home = Resident.objects.get(user=user).household.home
            photos = [records.Photo(demo_photo(n), "image/png")] if with_photo else []
            repair = records.report_repair_as_resident(
                organisation=organisation, home=home, by=user, trade=trade,
                description=description, emergency=emergency, damp_or_mould=damp,
                access_times=access, photos=photos,
            )  # fmt: skip
            Repair.objects.filter(pk=repair.pk).update(reported_at=now - timedelta(hours=age))
            made += 1
    progress(f"{made} repair reports waiting for staff to give them a priority")
    return made


def add_demo_answered_complaint(*, slug: str = "brookfield-tmc") -> None:
    """The demo resident's complaint, answered at stage 1 a few days ago: they can ask for
    stage 2 from its page."""
    organisation = Organisation.objects.get(slug=slug)
    resident = Resident.objects.filter(
        user__isnull=False, household__home__coverage__agreement__organisation=organisation
    ).first()
    if resident is None or not may_keep_records_of(organisation=organisation, kind="complaints"):
        return
    complaint = records.make_complaint_as_resident(
        organisation=organisation,
        home=resident.household.home,
        by=resident.user,
        category="repairs",
        what_happened="The repairer came twice about the bathroom extractor fan and it still "
        "does not work. Nobody told me when they would come back.",
        put_right="A working fan and a date for the visit.",
    )
    today = timezone.localdate()
    Complaint.objects.filter(pk=complaint.pk).update(
        received_on=today - timedelta(days=21),
        stage1_acknowledged_on=today - timedelta(days=20),
        stage1_responded_on=today - timedelta(days=3),
        outcome=Complaint.Outcome.PARTLY,
    )


def add_demo_resident_survey(
    *, slug: str = "brookfield-tmc", progress: Callable[[str], None] = lambda m: None
) -> None:
    """An open repairs survey the demo resident's household can answer from their account."""
    organisation = Organisation.objects.get(slug=slug)
    if organisation.surveys.exists():
        return
    survey = surveys.create_survey(
        organisation=organisation,
        by=None,
        template="repair_satisfaction",
        title="How did we do with your repairs?",
    )
    invited = surveys.invite_households(survey=survey, by=None)
    surveys.open_survey(survey=survey, by=None)
    progress(f"An open repairs survey for {invited:,} households at {organisation.name}")

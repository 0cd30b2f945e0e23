"""A resident's report awaits triage: the resident is told when it will be looked at, staff see
new reports oldest first and give each a priority, and the resident then sees the real target."""

import io
from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from tenantry.homes.models import Resident
from tenantry.organisations.models import AuditEntry
from tenantry.records import services
from tenantry.records.models import Repair, RepairPriority
from tenantry.records.tests.factories import RepairFactory, RepairPriorityFactory

LONDON = ZoneInfo("Europe/London")
# Saturday 5 December 2026: 90 calendar days later is Friday 5 March 2027.
SATURDAY = datetime(2026, 12, 5, 11, 0, tzinfo=LONDON)

COLD_RADIATOR = {
    "trade": "heating",
    "description": "The radiator in the back bedroom is cold.",
    "emergency": "no",
    "damp_or_mould": "no",
    "access_times": "Weekdays after 3pm",
}


@pytest.fixture
def scheme(cast) -> dict[str, RepairPriority]:
    """Emergency in 24 hours, urgent in 5 working days, planned work in 90 calendar days."""
    make = RepairPriorityFactory
    return {
        "emergency": make(
            landlord=cast.landlord, code="E", name="Emergency", target_amount=24,
            target_unit="hours", is_emergency=True,
        ),
        "urgent": make(
            landlord=cast.landlord, code="U", name="Urgent", target_amount=5,
            target_unit="working_days",
        ),
        "planned": make(
            landlord=cast.landlord, code="P", name="Planned", target_amount=90,
            target_unit="calendar_days",
        ),
    }  # fmt: skip


def url(cast, name: str, *args) -> str:
    return reverse(f"services:{name}", args=[cast.tmo.slug, *args])


def png(size=(4, 3)) -> io.BytesIO:
    data = io.BytesIO()
    Image.new("RGB", size, (200, 40, 40)).save(data, "PNG")
    data.seek(0)
    data.name = "radiator.png"
    return data


def report(cast, client_as, **fields) -> Repair:
    """A resident reports a repair through the form, as if on Saturday 5 December 2026."""
    client = client_as(cast.people["resident"])
    response = client.post(url(cast, "report-my-repair"), COLD_RADIATOR | fields)
    assert response.status_code == 302, response.content.decode()
    repair = Repair.objects.latest("pk")
    Repair.objects.filter(pk=repair.pk).update(reported_at=SATURDAY)
    return Repair.objects.get(pk=repair.pk)


def awaiting(cast, **fields) -> Repair:
    values = {"reported_at": SATURDAY, "priority": None, "trade": "heating"} | fields
    return RepairFactory(organisation=cast.tmo, home=cast.home, **values)


# --- what the resident is told -----------------------------------------------------------------


def test_a_cold_radiator_is_not_promised_the_slowest_priority(cast, scheme, client_as):
    repair = report(cast, client_as)

    assert repair.priority is None
    assert repair.due_at is None
    client = client_as(cast.people["resident"])
    for page_name in ("my-repair-reported", "my-repair"):
        page = client.get(url(cast, page_name, repair.pk)).content.decode()
        assert "March 2027" not in page  # the 90-day planned priority's date
        assert "We will look at your report by Monday 7 December 2026" in page
    listing = client.get(url(cast, "my-repairs")).content.decode()
    assert "Waiting to be looked at" in listing
    assert "March 2027" not in listing


def test_setting_the_priority_shows_the_resident_the_real_target(cast, scheme, client_as):
    repair = report(cast, client_as)
    staff = client_as(cast.people["staff"])

    response = staff.post(
        url(cast, "set-repair-priority", repair.pk),
        {f"r{repair.pk}-priority": scheme["urgent"].pk, f"r{repair.pk}-trade": "plumbing"},
    )

    assert response.status_code == 302
    repair.refresh_from_db()
    assert repair.priority == scheme["urgent"]
    assert repair.trade == "plumbing"  # the category corrected at triage
    # 5 working days from Saturday 5 December 2026: Monday 7 to Friday 11 December.
    assert repair.due_at == datetime(2026, 12, 11, 23, 59, 59, tzinfo=LONDON)
    resident = client_as(cast.people["resident"])
    page = resident.get(url(cast, "my-repair", repair.pk)).content.decode()
    assert "We aim to fix it by Friday 11 December 2026" in page
    assert "We will look at your report" not in page
    entry = AuditEntry.objects.filter(organisation=cast.tmo).latest("pk")
    assert entry.by == cast.people["staff"]
    assert "Urgent" in entry.detail


def test_the_triage_time_is_the_organisations_own_setting(cast, scheme, client_as):
    cast.tmo.repair_triage_working_days = 3
    cast.tmo.save()
    repair = awaiting(cast)

    page = client_as(cast.people["resident"]).get(url(cast, "my-repair", repair.pk))

    # Monday 7, Tuesday 8, Wednesday 9 December.
    assert "We will look at your report by Wednesday 9 December 2026" in page.content.decode()


def test_the_triage_day_skips_christmas_and_the_boxing_day_bank_holiday(cast, scheme, client_as):
    # Christmas Day is a Friday in 2026; Boxing Day falls on the Saturday, so Monday 28 December
    # is the substitute bank holiday.
    repair = awaiting(cast, reported_at=datetime(2026, 12, 24, 16, 0, tzinfo=LONDON))

    page = client_as(cast.people["resident"]).get(url(cast, "my-repair", repair.pk))

    assert "We will look at your report by Tuesday 29 December 2026" in page.content.decode()


def test_access_times_and_photos_are_kept_with_the_report(cast, scheme, client_as):
    repair = report(cast, client_as, photos=[png(), png((2, 2))])

    assert repair.access_times == "Weekdays after 3pm"
    photos = list(repair.photos.all())
    assert [p.content_type for p in photos] == ["image/png", "image/png"]
    assert all(p.file.name.startswith(f"repair-photos/{cast.tmo.pk}/") for p in photos)
    assert "radiator" not in photos[0].file.name  # the resident's own file name is not kept
    page = client_as(cast.people["resident"]).get(url(cast, "my-repair", repair.pk))
    assert "When we can get in: Weekdays after 3pm" in page.content.decode()
    assert f'src="{url(cast, "repair-photo", photos[0].pk)}"' in page.content.decode()


def jpeg() -> io.BytesIO:
    data = io.BytesIO()
    Image.new("RGB", (3, 3)).save(data, "JPEG")
    data.seek(0)
    data.name = "IMG_0001.JPG"
    return data


def named(content: bytes, name: str) -> io.BytesIO:
    data = io.BytesIO(content)
    data.name = name
    return data


@pytest.mark.parametrize(
    ("upload", "message"),
    [
        (
            lambda: named(b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00", "IMG_0002.HEIC"),
            "IMG_0002.HEIC is a HEIC photo, which we cannot open. Send it as a JPG",
        ),
        (lambda: named(b"not a picture at all", "notes.jpg"), "notes.jpg must be a photo saved"),
        (
            lambda: named(b"\xff\xd8" + b"0" * (10 * 1024 * 1024), "huge.jpg"),
            "huge.jpg is bigger than 10 MB. Choose a smaller photo",
        ),
    ],
)
def test_a_photo_that_is_not_a_small_jpeg_or_png_is_refused_by_name(
    cast, scheme, client_as, upload, message
):
    client = client_as(cast.people["resident"])
    response = client.post(url(cast, "report-my-repair"), COLD_RADIATOR | {"photos": [upload()]})

    page = response.content.decode()
    assert response.status_code == 200
    assert message in page
    assert "There is a problem" in page
    assert "The radiator in the back bedroom is cold.</textarea>" in page  # input kept
    assert not Repair.objects.exists()


def test_at_most_three_photos(cast, scheme, client_as):
    client = client_as(cast.people["resident"])
    photos = [png() for _ in range(4)]
    response = client.post(url(cast, "report-my-repair"), COLD_RADIATOR | {"photos": photos})
    assert "Choose 3 photos or fewer" in response.content.decode()
    assert not Repair.objects.exists()


def test_a_jpeg_is_kept_as_a_jpeg(cast, scheme, client_as):
    repair = report(cast, client_as, photos=[jpeg()])
    photo = repair.photos.get()
    assert photo.content_type == "image/jpeg"
    assert photo.file.name.endswith(".jpg")


# --- who sees a photo -------------------------------------------------------------------------


@pytest.fixture
def photo(cast, scheme, client_as):
    return report(cast, client_as, photos=[png()]).photos.get()


@pytest.mark.parametrize(("who", "status"), [("resident", 200), ("staff", 200)])
def test_the_reporting_resident_and_staff_see_the_photo(cast, client_as, photo, who, status):
    response = client_as(cast.people[who]).get(url(cast, "repair-photo", photo.pk))
    assert response.status_code == status
    assert response["Content-Type"] == "image/png"
    assert response["Cache-Control"] == "private, no-store"
    assert b"".join(response.streaming_content).startswith(b"\x89PNG")


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("committee", 404),  # lives there, did not send it: as if it did not exist
        ("inspector", 403),
        ("landlord_officer", 403),
        ("outsider", 404),
        ("other_landlord_officer", 404),
    ],
)
def test_nobody_else_sees_the_photo(cast, client_as, photo, who, status):
    response = client_as(cast.people[who]).get(url(cast, "repair-photo", photo.pk))
    assert response.status_code == status


def test_a_neighbour_cannot_see_the_photo(cast, client_as, photo):
    from tenantry.core.permissions import Role
    from tenantry.core.tests.factories import UserFactory
    from tenantry.homes.tests.factories import HouseholdFactory, ResidentFactory
    from tenantry.organisations.tests.factories import RoleFactory

    neighbour = UserFactory(name="Neighbour")
    RoleFactory(role=Role.RESIDENT, organisation=cast.tmo, user=neighbour)
    ResidentFactory(household=HouseholdFactory(home=cast.home), user=neighbour)
    response = client_as(neighbour).get(url(cast, "repair-photo", photo.pk))
    assert response.status_code == 404


def test_signed_out_people_are_sent_to_sign_in(cast, client_as, photo):
    response = client_as(None).get(url(cast, "repair-photo", photo.pk))
    assert response.status_code == 302
    assert "login" in response.url


def test_the_photo_is_not_under_a_public_media_address(cast, client_as, photo, settings):
    response = client_as(None).get(f"/{settings.MEDIA_URL}{photo.file.name}")
    assert response.status_code == 404


# --- the triage list --------------------------------------------------------------------------


def test_the_triage_list_shows_new_reports_oldest_first_with_how_to_reach_the_resident(
    cast, scheme, client_as
):
    Resident.objects.filter(user=cast.people["resident"]).update(
        name="Amina Yusuf", phone="07700 900123", email="amina@example.org"
    )
    newer = report(cast, client_as, description="Newer: the bathroom light flickers")
    Repair.objects.filter(pk=newer.pk).update(reported_at=datetime(2026, 12, 7, 9, tzinfo=LONDON))
    older = report(cast, client_as, photos=[png()])
    awaiting(cast, description="Already triaged", priority=scheme["urgent"])
    awaiting(cast, description="Cancelled report", status=Repair.Status.CANCELLED)

    page = client_as(cast.people["staff"]).get(url(cast, "triage")).content.decode()

    assert page.index(older.reference) < page.index(newer.reference)
    assert "Already triaged" not in page
    assert "Cancelled report" not in page
    assert "Amina Yusuf" in page
    assert 'href="tel:07700900123"' in page
    assert 'href="mailto:amina@example.org"' in page
    assert "Weekdays after 3pm" in page
    photo = older.photos.get()
    assert f'src="{url(cast, "repair-photo", photo.pk)}"' in page
    assert "/media/" not in page
    assert "Look at it by Monday 7 December 2026" in page


def test_the_menu_counts_reports_waiting_for_staff(cast, scheme, client_as):
    awaiting(cast)
    awaiting(cast)
    awaiting(cast, priority=scheme["urgent"])

    page = client_as(cast.people["staff"]).get(url(cast, "records")).content.decode()

    assert "New repair reports" in page
    assert '<strong class="govuk-tag govuk-tag--red tenantry-menu-count">2<' in page


def test_an_emergency_and_a_late_triage_are_flagged(cast, scheme, client_as):
    awaiting(cast, reported_as_emergency=True, reported_at=timezone.now())
    awaiting(cast, reported_at=datetime(2025, 12, 1, 9, 0, tzinfo=LONDON))

    page = client_as(cast.people["staff"]).get(url(cast, "triage")).content.decode()

    assert page.count("Resident says it is an emergency") == 1
    # Reported on Monday 1 December 2025: to be looked at by the Tuesday, long past.
    assert page.count("Past the day we promised to look at it") == 1


def test_the_triage_list_takes_the_same_queries_however_many_reports(
    cast, scheme, client_as, django_assert_num_queries
):
    client = client_as(cast.people["staff"])
    awaiting(cast)
    client.get(url(cast, "triage"))
    # session, user, organisation, roles; the menu's count; priorities; reports (with home,
    # reporter and resident); their photos.
    with django_assert_num_queries(8):
        client.get(url(cast, "triage"))
    for _ in range(5):
        report(cast, client_as, photos=[png()])
    client = client_as(cast.people["staff"])
    client.get(url(cast, "triage"))
    with django_assert_num_queries(8):
        client.get(url(cast, "triage"))


def test_a_priority_must_be_chosen(cast, scheme, client_as):
    repair = awaiting(cast)

    response = client_as(cast.people["staff"]).post(
        url(cast, "set-repair-priority", repair.pk), {f"r{repair.pk}-trade": "heating"}
    )

    assert response.status_code == 400
    assert "Select a priority" in response.content.decode()
    repair.refresh_from_db()
    assert repair.priority is None


# --- who may triage ------------------------------------------------------------------------


@pytest.mark.parametrize("role", ["resident", "committee", "inspector", "landlord_officer"])
def test_only_the_organisations_staff_triage(cast, scheme, client_as, role):
    repair = awaiting(cast)
    client = client_as(cast.people[role])
    assert client.get(url(cast, "triage")).status_code == 403
    response = client.post(
        url(cast, "set-repair-priority", repair.pk), {f"r{repair.pk}-priority": scheme["urgent"].pk}
    )
    assert response.status_code == 403
    repair.refresh_from_db()
    assert repair.priority is None


def test_an_outsider_gets_404(cast, scheme, client_as):
    assert client_as(cast.people["outsider"]).get(url(cast, "triage")).status_code == 404


def test_another_organisations_report_is_a_404(cast, scheme, client_as):
    theirs = RepairFactory(organisation=cast.other_tmo, priority=None, reported_at=SATURDAY)
    response = client_as(cast.people["staff"]).post(
        url(cast, "set-repair-priority", theirs.pk), {f"r{theirs.pk}-priority": scheme["urgent"].pk}
    )
    assert response.status_code == 404


def test_the_service_takes_only_the_landlords_priorities_and_only_from_staff(cast, scheme):
    repair = awaiting(cast)
    elsewhere = RepairPriorityFactory(code="X", name="Someone else's")

    with pytest.raises(ValidationError):
        services.set_repair_priority(repair=repair, priority=elsewhere, by=cast.people["staff"])
    with pytest.raises(PermissionDenied):
        services.set_repair_priority(
            repair=repair, priority=scheme["urgent"], by=cast.people["inspector"]
        )
    repair.refresh_from_db()
    assert repair.priority is None


def test_a_closed_report_keeps_its_missing_priority(cast, scheme):
    repair = awaiting(cast, status=Repair.Status.CANCELLED)
    with pytest.raises(ValidationError):
        services.set_repair_priority(
            repair=repair, priority=scheme["urgent"], by=cast.people["staff"]
        )


def test_after_triage_staff_still_see_the_photos_on_the_repair(cast, scheme, client_as, photo):
    services.set_repair_priority(
        repair=photo.repair, priority=scheme["urgent"], by=cast.people["staff"]
    )
    record = reverse("services:record", args=[cast.tmo.slug, "repairs", photo.repair.pk])

    page = client_as(cast.people["staff"]).get(record).content.decode()
    assert f'src="{url(cast, "repair-photo", photo.pk)}"' in page
    assert "Weekdays after 3pm" in page
    inspector = client_as(cast.people["inspector"]).get(record).content.decode()
    assert "repair-photo" not in inspector and "/repairs/photos/" not in inspector


def test_priorities_are_offered_quickest_first(cast, scheme, client_as):
    awaiting(cast)

    page = client_as(cast.people["staff"]).get(url(cast, "triage")).content.decode()

    emergency, urgent, planned = (
        page.index(f'value="{scheme[code].pk}"') for code in ("emergency", "urgent", "planned")
    )
    assert emergency < urgent < planned


def test_a_report_past_its_promised_day_says_sorry_not_a_day_gone_by(cast, scheme, client_as):
    repair = report(cast, client_as)  # reported Saturday 5 December 2026, to be looked at by
    # Monday 7 December: on any later day the resident is not told of a day gone by.
    Repair.objects.filter(pk=repair.pk).update(
        reported_at=datetime(2025, 12, 5, 11, 0, tzinfo=LONDON)
    )
    client = client_as(cast.people["resident"])
    page = client.get(url(cast, "my-repair", repair.pk)).content.decode()
    listing = client.get(url(cast, "my-repairs")).content.decode()
    for text in (page, listing):
        assert "Sorry: we said we would look at your report by Monday 8 December 2025" in text
        assert "We will look at your report by" not in text

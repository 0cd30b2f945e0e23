"""The directory's profiles and the visits' services: who may, what is refused, which moves."""

import io
from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from tenantry.core.tests.factories import UserFactory
from tenantry.homes.selectors import homes_of
from tenantry.journey import selectors_directory as selectors
from tenantry.journey import services_directory as services
from tenantry.journey import visits as moves
from tenantry.journey.models import Profile, Side, Visit, VisitState
from tenantry.organisations.models import AuditEntry

from .factories import (
    GroupFactory,
    GroupMembershipFactory,
    ProfileFactory,
    VisitDateFactory,
    VisitFactory,
)

pytestmark = pytest.mark.django_db

STORY = "We took over the repairs ten years ago. Now jobs get done fast, and people stay."


def _profile(cast, **values) -> Profile:
    return services.save_profile(
        organisation=cast.tmo,
        services=["repairs"],
        homes=2,
        since=None,
        story=STORY,
        by=cast.people["committee"],
        **values,
    )


def _member(group=None):
    return GroupMembershipFactory(group=group or GroupFactory()).user


def _offered(cast, days=(10, 11)):
    visit = VisitFactory(host=cast.tmo)
    return services.accept_visit(
        visit=visit,
        dates=[timezone.now() + timedelta(days=d) for d in days],
        by=cast.people["staff"],
    )


# --- profiles ---------------------------------------------------------------------------


def test_a_new_profile_starts_from_the_agreement_and_the_homes_it_covers(cast):
    profile = selectors.profile_of(cast.tmo)

    assert profile.pk is None
    assert profile.services == sorted(cast.agreement.services)
    assert profile.homes == homes_of(organisation=cast.tmo).count() == 2
    assert profile.since == cast.agreement.starts_on


def test_the_founding_date_comes_before_the_agreements_start(cast):
    cast.tmo.founded_on = cast.agreement.starts_on - timedelta(days=400)
    cast.tmo.save()

    assert selectors.profile_of(cast.tmo).since == cast.tmo.founded_on


@pytest.mark.parametrize("role", ["resident", "inspector", "landlord_officer", "outsider"])
def test_only_the_committee_and_staff_keep_the_profile(cast, role):
    with pytest.raises(PermissionDenied):
        services.save_profile(
            organisation=cast.tmo,
            services=[],
            homes=None,
            since=None,
            story=STORY,
            by=cast.people[role],
        )


def test_a_landlord_has_no_directory_page(cast):
    with pytest.raises(ValidationError):
        services.save_profile(
            organisation=cast.landlord, services=[], homes=None, since=None, story=STORY, by=None
        )


def test_saving_is_not_publishing_and_the_history_says_who(cast, client):
    profile = _profile(cast)

    assert not profile.is_published
    assert client.get(reverse("journey:directory-profile", args=[cast.tmo.slug])).status_code == 404
    assert profile.history.first().history_user == cast.people["committee"]
    assert AuditEntry.objects.filter(organisation=cast.tmo, what="Directory page").exists()


def test_publishing_shows_the_page_and_unpublishing_hides_it_again(cast, client):
    _profile(cast)
    url = reverse("journey:directory-profile", args=[cast.tmo.slug])

    services.publish_profile(organisation=cast.tmo, by=cast.people["staff"])
    assert client.get(url).status_code == 200

    services.unpublish_profile(organisation=cast.tmo, by=cast.people["committee"])
    assert client.get(url).status_code == 404


def test_a_page_without_a_story_cannot_be_published(cast):
    with pytest.raises(ValidationError):
        services.publish_profile(organisation=cast.tmo, by=cast.people["committee"])


def test_the_contact_is_shown_only_when_the_organisation_chooses(cast, client):
    _profile(cast, contact_name="Ruth Adeyemi", contact_email="ruth@kingsmead.example")
    services.publish_profile(organisation=cast.tmo, by=None)
    url = reverse("journey:directory-profile", args=[cast.tmo.slug])

    assert "ruth@kingsmead.example" not in client.get(url).text

    _profile(cast, contact_name="Ruth Adeyemi", contact_email="ruth@kingsmead.example",
             show_contact=True)  # fmt: skip
    assert "ruth@kingsmead.example" in client.get(url).text


def test_showing_a_contact_needs_an_email(cast):
    with pytest.raises(ValidationError) as refused:
        _profile(cast, show_contact=True)
    assert "contact_email" in refused.value.error_dict


def _png(size=(600, 400)) -> SimpleUploadedFile:
    out = io.BytesIO()
    Image.new("RGB", size, "green").save(out, format="PNG")
    return SimpleUploadedFile("Our garden, 12 Mill Road.png", out.getvalue(), "image/png")


def test_a_photo_is_written_again_as_a_small_jpeg_with_a_random_name(cast, client_as):
    client = client_as(cast.people["committee"])
    response = client.post(
        reverse("directory:profile", args=[cast.tmo.slug]),
        {"story": STORY, "photo": _png(), "photo_description": "Residents in the garden"},
    )

    assert response.status_code == 302
    photo = Profile.objects.get(organisation=cast.tmo).photo
    assert photo.name.endswith(".jpg") and "Mill" not in photo.name
    with Image.open(photo.open("rb")) as image:
        assert image.format == "JPEG" and max(image.size) <= 400


def test_a_photo_needs_words_for_people_who_cannot_see_it(cast, client_as):
    response = client_as(cast.people["committee"]).post(
        reverse("directory:profile", args=[cast.tmo.slug]), {"story": STORY, "photo": _png()}
    )

    assert response.status_code == 400
    assert "Say what the photo shows" in response.text


# --- the moves --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("state", "move", "allowed"),
    [
        (VisitState.REQUESTED, moves.ACCEPT, True),
        (VisitState.REQUESTED, moves.DECLINE, True),
        (VisitState.REQUESTED, moves.CHOOSE, False),
        (VisitState.REQUESTED, moves.RECORD, False),
        (VisitState.OFFERED, moves.CHOOSE, True),
        (VisitState.OFFERED, moves.ACCEPT, False),
        (VisitState.OFFERED, moves.DECLINE, False),
        (VisitState.DECLINED, moves.CANCEL, False),
        (VisitState.CANCELLED, moves.ACCEPT, False),
        (VisitState.CANCELLED, moves.CANCEL, False),
    ],
)
def test_which_moves_each_state_allows(state, move, allowed):
    assert moves.allowed(Visit(state=state), move, now=timezone.now()) is allowed


# --- visits -----------------------------------------------------------------------------


def test_a_group_member_asks_and_the_hosts_are_emailed(
    cast, mailoutbox, django_capture_on_commit_callbacks
):
    ProfileFactory(organisation=cast.tmo)
    member = _member()

    with django_capture_on_commit_callbacks(execute=True):
        visit = services.request_visit(
            group=member.journey_groups.get().group,
            host=cast.tmo,
            wants_to_learn="How you took over repairs",
            people=6,
            by=member,
        )

    assert visit.state == VisitState.REQUESTED
    to = {message.to[0] for message in mailoutbox}
    assert to == {cast.people["committee"].email, cast.people["staff"].email}
    assert mailoutbox[0].subject.startswith("Kingsmead TMO: ")
    assert "asks to visit you" in mailoutbox[0].subject


def test_another_groups_member_cannot_ask_for_a_group(cast):
    ProfileFactory(organisation=cast.tmo)
    with pytest.raises(PermissionDenied):
        services.request_visit(
            group=GroupFactory(), host=cast.tmo, wants_to_learn="x", people=2, by=_member()
        )


def test_the_networks_adviser_asks_for_its_group(cast):
    ProfileFactory(organisation=cast.tmo)
    group = GroupFactory()
    from tenantry.core.permissions import Role
    from tenantry.organisations.tests.factories import RoleFactory

    adviser = RoleFactory(role=Role.STAFF, organisation=group.network).user

    visit = services.request_visit(
        group=group, host=cast.tmo, wants_to_learn="Repairs", people=2, by=adviser
    )
    assert visit.requested_by == adviser


@pytest.mark.parametrize("profile", [None, {"welcomes_visits": False}, {"published_at": None}])
def test_no_request_to_an_organisation_not_taking_visits(cast, profile):
    if profile is not None:
        ProfileFactory(organisation=cast.tmo, **profile)
    member = _member()

    with pytest.raises(ValidationError):
        services.request_visit(
            group=member.journey_groups.get().group,
            host=cast.tmo,
            wants_to_learn="x",
            people=2,
            by=member,
        )


def test_the_hosts_offer_future_dates_only_and_three_at_most(cast):
    visit = VisitFactory(host=cast.tmo)
    soon = timezone.now() + timedelta(days=5)
    with pytest.raises(ValidationError):
        services.accept_visit(visit=visit, dates=[soon - timedelta(days=10)], by=None)
    with pytest.raises(ValidationError):
        services.accept_visit(
            visit=visit, dates=[soon + timedelta(days=n) for n in range(4)], by=None
        )
    with pytest.raises(PermissionDenied):
        services.accept_visit(visit=visit, dates=[soon], by=cast.people["resident"])

    services.accept_visit(visit=visit, dates=[soon, soon + timedelta(days=1)], by=None)
    visit.refresh_from_db()
    assert visit.state == VisitState.OFFERED
    assert visit.dates.count() == 2


def test_the_group_picks_a_date_once_and_the_visit_is_confirmed(
    cast, mailoutbox, django_capture_on_commit_callbacks
):
    visit = _offered(cast)
    member = GroupMembershipFactory(group=visit.group).user
    first, second = visit.dates.all()

    with django_capture_on_commit_callbacks(execute=True):
        services.choose_date(visit=visit, date=second.pk, by=member)

    visit.refresh_from_db()
    assert visit.state == VisitState.CONFIRMED
    assert visit.chosen == second
    assert {m.to[0] for m in mailoutbox} >= {member.email, cast.people["committee"].email}
    with pytest.raises(ValidationError, match="already chosen"):
        services.choose_date(visit=visit, date=first.pk, by=member)


def test_a_date_of_another_visit_cannot_be_chosen(cast):
    visit = _offered(cast)
    other = VisitDateFactory()

    with pytest.raises(ValidationError):
        services.choose_date(visit=visit, date=other.pk, by=None)


def test_declining_needs_a_reason_and_ends_the_visit(cast):
    visit = VisitFactory(host=cast.tmo)
    with pytest.raises(ValidationError):
        services.decline_visit(visit=visit, reason=" ", by=None)

    services.decline_visit(visit=visit, reason="We are moving office in May", by=None)
    visit.refresh_from_db()
    assert visit.state == VisitState.DECLINED
    assert not moves.allowed(visit, moves.ACCEPT, now=timezone.now())


def test_either_side_cancels_with_a_reason_before_the_day(cast):
    visit = _offered(cast)
    services.choose_date(visit=visit, date=visit.dates.first().pk, by=None)
    with pytest.raises(PermissionDenied):
        services.cancel_visit(visit=visit, side=Side.GROUP, reason="Ill", by=_member())

    services.cancel_visit(visit=visit, side=Side.HOST, reason="Our hall flooded", by=None)
    visit.refresh_from_db()
    assert (visit.state, visit.cancelled_by) == (VisitState.CANCELLED, Side.HOST)


def _confirmed_in_the_past(cast) -> Visit:
    visit = _offered(cast)
    services.choose_date(visit=visit, date=visit.dates.first().pk, by=None)
    visit.refresh_from_db()
    visit.chosen.starts_at = timezone.now() - timedelta(days=1)
    visit.chosen.save()
    return visit


def test_what_was_learnt_is_written_after_the_day_by_both_sides(cast):
    visit = _offered(cast)
    services.choose_date(visit=visit, date=visit.dates.first().pk, by=None)
    with pytest.raises(ValidationError, match="after the visit"):
        services.record_learning(visit=visit, side=Side.HOST, first="x", second="", by=None)

    visit = _confirmed_in_the_past(cast)
    member = GroupMembershipFactory(group=visit.group).user
    services.record_learning(
        visit=visit, side=Side.HOST, first="The office", second="", by=cast.people["staff"]
    )
    services.record_learning(
        visit=visit, side=Side.GROUP, first="Budgets", second="Ask for a grant", by=member
    )
    visit.refresh_from_db()
    assert (visit.host_showed, visit.group_learnt, visit.group_next) == (
        "The office",
        "Budgets",
        "Ask for a grant",
    )
    with pytest.raises(ValidationError, match="no longer be cancelled"):
        services.cancel_visit(visit=visit, side=Side.HOST, reason="Too late", by=None)


def test_the_host_side_is_refused_to_a_group_member(cast):
    visit = _confirmed_in_the_past(cast)
    member = GroupMembershipFactory(group=visit.group).user

    with pytest.raises(PermissionDenied):
        services.record_learning(visit=visit, side=Side.HOST, first="x", second="", by=member)


def test_an_outsider_is_not_a_group_worker(cast):
    visit = VisitFactory(host=cast.tmo)
    with pytest.raises(PermissionDenied):
        services.cancel_visit(
            visit=visit, side=Side.GROUP, reason="x", by=UserFactory(email="x@example.org")
        )


def test_the_group_hears_of_dates_offered_in_its_language_with_both_parts(
    cast, mailoutbox, django_capture_on_commit_callbacks
):
    visit = VisitFactory(host=cast.tmo)
    welsh = GroupMembershipFactory(group=visit.group, user__language="cy").user

    with django_capture_on_commit_callbacks(execute=True):
        services.accept_visit(
            visit=visit, dates=[timezone.now() + timedelta(days=9)], by=cast.people["staff"]
        )

    (message,) = mailoutbox
    assert message.to == [welsh.email]
    assert (
        message.subject
        == "Kingsmead TMO: Dyddiadau wedi’u cynnig ar gyfer eich ymweliad: dewiswch un"
    )
    html = message.alternatives[0][0]
    link = f"/tenant-control/groups/{visit.group_id}/visits/{visit.pk}/"
    assert link in message.body and link in html


def test_a_refused_change_sends_nothing(cast, mailoutbox, django_capture_on_commit_callbacks):
    visit = VisitFactory(host=cast.tmo)
    GroupMembershipFactory(group=visit.group)

    with django_capture_on_commit_callbacks(execute=True), pytest.raises(ValidationError):
        services.decline_visit(visit=visit, reason="", by=None)

    assert mailoutbox == []

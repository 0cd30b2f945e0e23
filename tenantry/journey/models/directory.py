"""The directory of organisations already in control, and tenant groups' visits to them.

An organisation that runs services (a TMO, a co-op, a land trust…) may publish a profile: what
it runs, how many homes, since when, a story in its own words and whether it welcomes visits. A
group on the road asks to visit one; the host offers up to three dates, the group picks one, and
after the day both sides write down what was learnt (docs/journey.md, "The directory and
visits").
"""

from uuid import uuid4

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tenantry.organisations.models import DelegatedService, Organisation

from .groups import Group

STORY_CHARACTERS = 1500
MAX_VISITORS = 30
MAX_DATES_OFFERED = 3


def _photo_path(profile: "Profile", filename: str) -> str:
    # A random name: the uploaded file's own name may say who is in it.
    return f"profiles/{profile.organisation_id}/{uuid4().hex}.jpg"


class Profile(models.Model):
    """An organisation's page in the public directory, shown only once it is published."""

    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.CASCADE,
        related_name="directory_profile",
        limit_choices_to={"kind__in": Organisation.MANAGING_KINDS},
    )
    services = models.JSONField(_("services we run"), default=list, blank=True)
    homes = models.PositiveIntegerField(_("number of homes"), null=True, blank=True)
    since = models.DateField(_("running services since"), null=True, blank=True)
    story = models.TextField(_("our story"), max_length=STORY_CHARACTERS, blank=True)
    contact_name = models.CharField(_("contact name"), max_length=200, blank=True)
    contact_email = models.EmailField(_("contact email"), blank=True)
    show_contact = models.BooleanField(_("show the contact on the public page"), default=False)
    photo = models.FileField(_("photo"), upload_to=_photo_path, max_length=200, blank=True)
    photo_description = models.CharField(_("what the photo shows"), max_length=200, blank=True)
    welcomes_visits = models.BooleanField(_("we welcome visits from tenant groups"), default=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("directory profile")
        verbose_name_plural = _("directory profiles")
        ordering = ["organisation__name"]
        constraints = [
            # A published profile tells its story; a contact shown has an address.
            models.CheckConstraint(
                condition=Q(published_at__isnull=True) | ~Q(story=""),
                name="journey_profile_published_with_story",
            ),
            models.CheckConstraint(
                condition=Q(show_contact=False) | ~Q(contact_email=""),
                name="journey_profile_contact_shown_with_email",
            ),
        ]

    def __str__(self) -> str:
        return str(self.organisation)

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    def service_labels(self) -> list[str]:
        return [str(label) for value, label in DelegatedService.choices if value in self.services]


class VisitState(models.TextChoices):
    """Where a visit stands. The moves between them are `journey.visits.next_state`'s."""

    REQUESTED = "requested", _("Waiting for an answer")
    OFFERED = "offered", _("Dates offered")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")
    CANCELLED = "cancelled", _("Cancelled")


class Side(models.TextChoices):
    HOST = "host", _("The hosts")
    GROUP = "group", _("The group")


class Visit(models.Model):
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="visits")
    host = models.ForeignKey(
        Organisation,
        on_delete=models.CASCADE,
        related_name="journey_visits",
        limit_choices_to={"kind__in": Organisation.MANAGING_KINDS},
    )
    state = models.CharField(
        _("state"), max_length=12, choices=VisitState.choices, default=VisitState.REQUESTED
    )
    wants_to_learn = models.TextField(_("what the group wants to learn"), max_length=2000)
    people = models.PositiveSmallIntegerField(_("how many people would come"))
    preferred_times = models.CharField(
        _("months or days that suit the group"), max_length=300, blank=True
    )
    access_needs = models.TextField(_("access needs"), max_length=1000, blank=True)
    # Empty when Tenantry itself made the request (the demo), or the person has left.
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    requested_at = models.DateTimeField(auto_now_add=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    decline_reason = models.TextField(_("why the visit is declined"), blank=True)
    chosen = models.OneToOneField(
        "VisitDate", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    cancelled_by = models.CharField(max_length=5, choices=Side.choices, blank=True)
    cancel_reason = models.TextField(_("why the visit is cancelled"), blank=True)
    # What each side took from the day, written after it.
    host_showed = models.TextField(_("what we showed the group"), blank=True)
    host_questions = models.TextField(_("questions the group asked"), blank=True)
    host_recorded_at = models.DateTimeField(null=True, blank=True)
    group_learnt = models.TextField(_("what we learnt"), blank=True)
    group_next = models.TextField(_("what we will do next"), blank=True)
    group_recorded_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["-requested_at", "-pk"]
        indexes = [models.Index(fields=["host", "state"]), models.Index(fields=["group", "state"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(people__gte=1) & Q(people__lte=MAX_VISITORS),
                name="journey_visit_people_in_range",
            ),
            # A confirmed visit has its day; no other state has one.
            models.CheckConstraint(
                condition=Q(state="confirmed", chosen__isnull=False)
                | (~Q(state="confirmed") & Q(chosen__isnull=True))
                | Q(state="cancelled"),
                name="journey_visit_confirmed_with_a_date",
            ),
            models.CheckConstraint(
                condition=~Q(state="declined") | ~Q(decline_reason=""),
                name="journey_visit_declined_with_reason",
            ),
            models.CheckConstraint(
                condition=~Q(state="cancelled") | (~Q(cancel_reason="") & ~Q(cancelled_by="")),
                name="journey_visit_cancelled_with_reason",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.group} → {self.host}"

    def has_taken_place(self, now) -> bool:
        """A confirmed visit whose day and time have come."""
        return self.state == VisitState.CONFIRMED and self.chosen.starts_at <= now


class VisitDate(models.Model):
    """A day and time the host offers; the group picks one of them."""

    visit = models.ForeignKey(Visit, on_delete=models.CASCADE, related_name="dates")
    starts_at = models.DateTimeField(_("date and time"))

    class Meta:
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(fields=["visit", "starts_at"], name="journey_visit_date_unique")
        ]

    def __str__(self) -> str:
        return f"{self.starts_at:%Y-%m-%d %H:%M}"

"""Newsletters: what an organisation writes to its members or to every household it serves,
sent by email and printed for the rest (docs/newsletters.md)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tenantry.democracy.models import Meeting
from tenantry.homes.models import Household, Resident
from tenantry.indicators.models import Result
from tenantry.organisations.models import Organisation, PreparedFile
from tenantry.reviews.models import ImprovementPlan


class Newsletter(models.Model):
    class Audience(models.TextChoices):
        MEMBERS = "members", _("Members of the organisation")
        HOUSEHOLDS = "households", _("Every household with an address")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="newsletters"
    )
    title = models.CharField(_("title"), max_length=150)
    intro = models.TextField(_("introduction"), max_length=3000, blank=True)
    audience = models.CharField(
        _("who gets it"), max_length=12, choices=Audience.choices, default=Audience.MEMBERS
    )
    status = models.CharField(
        _("status"), max_length=8, choices=Status.choices, default=Status.DRAFT
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    send_started_at = models.DateTimeField(_("sending started"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    # How many people it was going to when the sending worked out its recipients (0 before),
    # and how many of those had asked for no newsletters and were left out.
    recipients = models.PositiveIntegerField(default=0)
    opted_out = models.PositiveIntegerField(default=0)
    # The last sign of life of the task sending it (a batch done).
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    letters_file = models.ForeignKey(
        PreparedFile, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("newsletter")
        verbose_name_plural = _("newsletters")
        indexes = [models.Index(fields=["organisation", "-created_at"])]

    def __str__(self) -> str:
        return self.title


class NewsletterItem(models.Model):
    """One item of a newsletter, in order: words written for it, or something picked from
    Tenantry (a figure, an upcoming meeting, a published improvement plan) and shown as it
    stands when the newsletter is read or sent."""

    class Kind(models.TextChoices):
        TEXT = "text", _("Your own words")
        FIGURE = "figure", _("A figure")
        MEETING = "meeting", _("An upcoming meeting")
        PLAN = "plan", _("A published improvement plan")

    newsletter = models.ForeignKey(Newsletter, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveSmallIntegerField()
    kind = models.CharField(_("kind of item"), max_length=8, choices=Kind.choices)
    heading = models.CharField(_("heading"), max_length=150, blank=True)
    body = models.TextField(_("text"), max_length=5000, blank=True)
    result = models.ForeignKey(
        Result, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("figure"),
    )  # fmt: skip
    meeting = models.ForeignKey(
        Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("meeting"),
    )  # fmt: skip
    plan = models.ForeignKey(
        ImprovementPlan, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("improvement plan"),
    )  # fmt: skip

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("newsletter item")
        verbose_name_plural = _("newsletter items")

    def __str__(self) -> str:
        return self.heading or str(self.get_kind_display())


class Delivery(models.Model):
    """The newsletter to one recipient: a member, a household's chosen resident, or a household
    with nobody on record (then a letter to the household)."""

    class Channel(models.TextChoices):
        EMAIL = "email", _("Email")
        LETTER = "letter", _("Letter")

    class State(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENT = "sent", _("Sent")
        PRINT = "print", _("To print")
        FAILED = "failed", _("Could not be sent")

    newsletter = models.ForeignKey(Newsletter, on_delete=models.CASCADE, related_name="deliveries")
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="+")
    resident = models.ForeignKey(
        Resident, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    channel = models.CharField(max_length=6, choices=Channel.choices)
    state = models.CharField(max_length=8, choices=State.choices)
    language = models.CharField(max_length=12, default="en-gb")
    large_print = models.BooleanField(default=False)
    error = models.CharField(max_length=300, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("newsletter delivery")
        verbose_name_plural = _("newsletter deliveries")
        constraints = [
            # Nobody gets a newsletter twice, whatever retries or double clicks happen: the
            # database refuses a second delivery to the same person or household.
            models.UniqueConstraint(
                fields=["newsletter", "resident"],
                condition=Q(resident__isnull=False),
                name="newsletter_once_per_resident",
            ),
            models.UniqueConstraint(
                fields=["newsletter", "household"],
                condition=Q(resident__isnull=True),
                name="newsletter_once_per_household_letter",
            ),
        ]
        indexes = [models.Index(fields=["newsletter", "channel", "state"])]

    def __str__(self) -> str:
        return f"{self.newsletter} – {self.get_channel_display()}"


class NewsletterPreference(models.Model):
    """What a resident asked for about an organisation's newsletters, from the link in one."""

    class Choice(models.TextChoices):
        NONE = "none", _("No newsletters")
        POST = "post", _("By post instead of email")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    resident = models.ForeignKey(Resident, on_delete=models.CASCADE, related_name="+")
    choice = models.CharField(max_length=4, choices=Choice.choices)
    changed_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("newsletter preference")
        verbose_name_plural = _("newsletter preferences")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "resident"], name="newsletter_preference_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.resident}: {self.get_choice_display()}"

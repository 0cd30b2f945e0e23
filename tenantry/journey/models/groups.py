"""Tenant groups on the road to tenant control, and the network that helps each one.

A group registers interest on the public pages, with no account. The network it chose follows
it up (an adviser, contacts, stages); its contact confirms their email and later gets an account
(`GroupMembership`). When the group becomes an organisation on Tenantry (`organisation`), the
group stays as the record of its journey, so its history comes with it.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tenantry.organisations.models import DelegatedService, Organisation


class Stage(models.TextChoices):
    """From first interest to a signed management agreement, in order (docs/journey.md)."""

    INTEREST = "interest", _("Interest registered")
    EXPLORING = "exploring", _("Exploring")
    FEASIBILITY = "feasibility", _("Feasibility")
    PROPOSAL = "proposal", _("Right to Manage proposal notice")
    LANDLORD_ANSWER = "landlord_answer", _("The landlord's answer")
    DEVELOPMENT = "development", _("Development and the competence assessment")
    BALLOT = "ballot", _("Ballot of tenants")
    AGREEMENT = "agreement", _("Management agreement signed")


STAGE_ORDER = [stage.value for stage in Stage]


class HeardFrom(models.TextChoices):
    NETWORK = "network", _("From the network or one of its members")
    LANDLORD = "landlord", _("From our landlord")
    ANOTHER_GROUP = "another_group", _("From another tenant group")
    EVENT = "event", _("At an event or training day")
    SEARCH = "search", _("Searching the web")
    OTHER = "other", _("Some other way")


class ClosedReason(models.TextChoices):
    IN_CONTROL = "in_control", _("The group now runs its own services")
    NOT_NOW = "not_now", _("The group decided not to go ahead for now")
    NOT_ELIGIBLE = "not_eligible", _("The group could not meet the conditions")
    NO_REPLY = "no_reply", _("The group stopped replying")
    ANOTHER_ROUTE = "another_route", _("The group chose another route or another network")
    SPAM = "spam", _("Not a real enquiry")


class Group(models.Model):
    network = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="journey_groups",
        limit_choices_to={"kind": Organisation.Kind.NETWORK},
        verbose_name=_("network"),
    )
    name = models.CharField(_("group name"), max_length=200)
    area = models.CharField(
        _("area"), max_length=200, help_text=_("The estate, streets or town the group covers.")
    )
    homes = models.PositiveIntegerField(_("number of homes"))
    landlord_name = models.CharField(_("landlord"), max_length=200)
    # Set when the landlord is on Tenantry too.
    landlord = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind__in": Organisation.LANDLORD_KINDS},
    )
    already_does = models.TextField(_("what the group already does"), blank=True)
    services_wanted = models.JSONField(
        _("services the group is interested in"),
        default=list,
        blank=True,
    )  # values of DelegatedService
    contact_name = models.CharField(_("contact name"), max_length=200)
    contact_email = models.EmailField(_("contact email"))
    contact_phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    consent_to_contact = models.BooleanField(_("agreed to be contacted"), default=False)
    heard_from = models.CharField(
        _("how the group heard of us"), max_length=20, choices=HeardFrom.choices, blank=True
    )
    email_confirmed_at = models.DateTimeField(_("email confirmed"), null=True, blank=True)
    stage = models.CharField(
        _("stage"), max_length=20, choices=Stage.choices, default=Stage.INTEREST
    )
    adviser = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("adviser"),
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    closed_reason = models.CharField(
        _("why it was closed"), max_length=20, choices=ClosedReason.choices, blank=True
    )
    closed_note = models.TextField(_("note on closing"), blank=True)
    # The organisation the group became on Tenantry; its journey stays here.
    organisation = models.OneToOneField(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="journey_group",
        verbose_name=_("organisation on Tenantry"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("tenant group")
        verbose_name_plural = _("tenant groups")
        ordering = ["name", "pk"]
        indexes = [models.Index(fields=["network", "closed_at", "stage"])]
        constraints = [
            # Closing needs a reason; an open group has none.
            models.CheckConstraint(
                condition=Q(closed_at__isnull=True, closed_reason="")
                | (Q(closed_at__isnull=False) & ~Q(closed_reason="")),
                name="journey_group_closed_with_reason",
            ),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_open(self) -> bool:
        return self.closed_at is None

    def services_wanted_labels(self) -> list[str]:
        labels = dict(DelegatedService.choices)
        return [str(labels[value]) for value in self.services_wanted if value in labels]


class GroupMembership(models.Model):
    """A person who works on the group's journey with a Tenantry account: its contact first."""

    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="journey_groups"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["group", "user"], name="journey_membership_unique")
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.group})"

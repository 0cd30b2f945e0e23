"""An organisation's democracy: the constitution its other rules come from, and its members.

The constitution is data, one row per organisation with its history kept: every page that
applies a rule reads it from here and quotes it. The defaults follow the Companies Act 2006
for a company limited by guarantee and common society rules for the other legal forms; where
`../shared/REFERENCE.md` marks a point as unconfirmed (❓) it is a value the organisation sets
(docs/democracy.md says where each default comes from).
"""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tenantry.homes.models import Household, Resident
from tenantry.organisations.models import Organisation


class LegalForm(models.TextChoices):
    COMPANY = "company", _("Company limited by guarantee")
    COMMUNITY_BENEFIT_SOCIETY = "cbs", _("Community benefit society")
    COOPERATIVE = "coop", _("Co-operative society")
    COMMUNITY_LAND_TRUST = "clt", _("Community land trust")
    COMMUNITY_GATEWAY = "gateway", _("Community gateway association")


class QuorumRule(models.TextChoices):
    NUMBER = "number", _("A number of members")
    SHARE = "share", _("A share of the members")
    GREATER = "greater", _("The number or the share, whichever is greater")


class TieBreak(models.TextChoices):
    LOT = "lot", _("Drawing lots")
    CASTING_VOTE = "casting_vote", _("The chair's casting vote")
    NEW_BALLOT = "new_ballot", _("A new ballot between those tied")


class Constitution(models.Model):
    """The rules an organisation's democracy runs by (its articles or rules, as data)."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="constitution"
    )
    legal_form = models.CharField(_("legal form"), max_length=20, choices=LegalForm.choices)
    area = models.TextField(
        _("area of benefit"),
        blank=True,
        help_text=_("The area whose residents may become members, in the constitution's words."),
    )
    # Who may be a member (REFERENCE.md: "Who may vote" is ❓, so all of it is set here).
    tenants_may_join = models.BooleanField(_("tenants may be members"), default=True)
    leaseholders_may_join = models.BooleanField(_("leaseholders may be members"), default=True)
    minimum_age = models.PositiveSmallIntegerField(
        _("minimum age of a member"),
        default=16,
        validators=[MinValueValidator(16), MaxValueValidator(21)],
    )
    joint_tenants_each_a_member = models.BooleanField(
        _("joint tenants may each be a member"),
        default=True,
        help_text=_("If not, a household is one member, whoever of them joins."),
    )
    share_pence = models.PositiveIntegerField(
        _("membership share, in pence"),
        null=True,
        blank=True,
        help_text=_("Leave empty where members buy no share."),
    )
    # The committee.
    committee_size = models.PositiveSmallIntegerField(
        _("committee places"), default=12, validators=[MinValueValidator(1)]
    )
    term_years = models.PositiveSmallIntegerField(
        _("term of office, in years"), default=3, validators=[MinValueValidator(1)]
    )
    retire_share_denominator = models.PositiveSmallIntegerField(
        _("share of the elected committee that retires at each AGM"),
        default=3,
        help_text=_("3 for a third, 2 for a half, 1 for all; 0 when only terms decide."),
    )
    # General meetings.
    notice_clear_days = models.PositiveSmallIntegerField(
        _("notice of a general meeting, in clear days"), default=14
    )
    committee_notice_clear_days = models.PositiveSmallIntegerField(
        _("notice of a committee meeting, in clear days"), default=7
    )
    quorum_rule = models.CharField(
        _("quorum"), max_length=10, choices=QuorumRule.choices, default=QuorumRule.GREATER
    )
    quorum_number = models.PositiveSmallIntegerField(_("quorum: members present"), default=15)
    quorum_percent = models.DecimalField(
        _("quorum: share of members, %"),
        max_digits=5,
        decimal_places=2,
        default=10,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    ordinary_resolution_percent = models.DecimalField(
        _("ordinary resolution: more than this share of votes, %"),
        max_digits=5,
        decimal_places=2,
        default=50,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    special_resolution_percent = models.DecimalField(
        _("special resolution: at least this share of votes, %"),
        max_digits=5,
        decimal_places=2,
        default=75,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    abstentions_count_as_votes = models.BooleanField(
        _("abstentions count as votes cast"),
        default=False,
        help_text=_("Usually not: a resolution is decided on the votes for and against."),
    )
    # The committee's own meetings: a quorum of committee members holding a seat on the day.
    committee_quorum_rule = models.CharField(
        _("committee quorum"),
        max_length=10,
        choices=QuorumRule.choices,
        default=QuorumRule.GREATER,
        help_text=_("Counted of the committee members in office on the day of the meeting."),
    )
    committee_quorum_number = models.PositiveSmallIntegerField(
        _("committee quorum: committee members present"), default=3
    )
    committee_quorum_percent = models.DecimalField(
        _("committee quorum: share of the committee in office, %"),
        max_digits=5,
        decimal_places=2,
        default=Decimal("33.33"),
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    proxies_allowed = models.BooleanField(_("members may appoint a proxy"), default=True)
    proxy_deadline_hours = models.PositiveSmallIntegerField(
        _("proxies lodged at least this many hours before the meeting"), default=48
    )
    postal_votes_allowed = models.BooleanField(_("postal votes allowed"), default=True)
    online_votes_allowed = models.BooleanField(_("online votes allowed"), default=True)
    year_end_month = models.PositiveSmallIntegerField(
        _("financial year ends in month"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(12)],
    )
    agm_within_months = models.PositiveSmallIntegerField(
        _("AGM within this many months of the year end"), default=6
    )
    tie_break = models.CharField(
        _("a tie in an election is broken by"),
        max_length=20,
        choices=TieBreak.choices,
        default=TieBreak.LOT,
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("constitution")

    def __str__(self) -> str:
        return str(_("Constitution of %(name)s") % {"name": self.organisation.name})


class JoinedBy(models.TextChoices):
    ONLINE = "online", _("Online")
    PAPER = "paper", _("On paper")
    MEETING = "meeting", _("At a meeting")


class MemberStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    MEMBER = "member", _("Member")
    REFUSED = "refused", _("Refused")
    LEFT = "left", _("Left")
    LAPSED = "lapsed", _("Lapsed")


def current_q(day, prefix: str = "") -> Q:
    """Memberships current on `day` (a date or an expression), reached through `prefix`: approved
    by then and not yet ended. `ended_on` is the first day they are no longer a member."""
    was_member = (MemberStatus.MEMBER, MemberStatus.LEFT, MemberStatus.LAPSED)
    return Q(**{f"{prefix}status__in": was_member, f"{prefix}joined_on__lte": day}) & (
        Q(**{f"{prefix}ended_on__isnull": True}) | Q(**{f"{prefix}ended_on__gt": day})
    )


class MembershipQuerySet(models.QuerySet):
    def current(self, day=None):
        """Members on `day` (today when not given): approved by then and not yet ended.

        One who has since left or lapsed was a member on the days before `ended_on`, so a roll
        or a quorum asked of an earlier day counts them."""
        from django.utils import timezone

        return self.filter(current_q(day or timezone.localdate()))


class Membership(models.Model):
    """One person's membership of an organisation, from application to leaving.

    A membership is a person's (a resident of one of the organisation's homes); the household
    is kept too, so a tenancy ending ends it and the register counts per estate and block.
    A membership that ends keeps its row: the register is a history, and who was a member on
    a day (a ballot's roll, a meeting's quorum) is asked of it.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="memberships"
    )
    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="memberships")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="memberships")
    number = models.PositiveIntegerField(_("membership number"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=MemberStatus.choices, default=MemberStatus.APPLIED
    )
    joined_by = models.CharField(_("applied"), max_length=10, choices=JoinedBy.choices)
    applied_on = models.DateField(_("applied on"))
    joined_on = models.DateField(_("became a member on"), null=True, blank=True)
    share_paid_pence = models.PositiveIntegerField(_("share paid, in pence"), null=True, blank=True)
    share_paid_on = models.DateField(_("share paid on"), null=True, blank=True)
    ended_on = models.DateField(_("membership ended on"), null=True, blank=True)
    end_reason = models.CharField(_("why it ended"), max_length=200, blank=True)
    date_of_birth = models.DateField(
        _("date of birth"),
        null=True,
        blank=True,
        help_text=_("Given on the application, only to check the constitution's minimum age."),
    )
    decided_by = models.ForeignKey(
        "core.User",
        verbose_name=_("decided by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    refusal_reason = models.CharField(_("why it was refused"), max_length=300, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        constraints = [
            # One open application or membership per person: a leaver may join again later.
            models.UniqueConstraint(
                fields=["organisation", "resident"],
                condition=Q(status__in=["applied", "member"]),
                name="one_open_membership_per_person",
            ),
            models.UniqueConstraint(
                fields=["organisation", "number"],
                condition=Q(number__isnull=False),
                name="membership_numbers_unique",
            ),
            models.CheckConstraint(
                condition=Q(joined_on__isnull=True)
                | Q(ended_on__isnull=True)
                | Q(ended_on__gte=models.F("joined_on")),
                name="membership_ends_after_it_starts",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self) -> str:
        return f"{self.resident.name} ({self.get_status_display()})"

    def clean(self) -> None:
        if self.joined_on and self.applied_on and self.joined_on < self.applied_on:
            raise ValidationError(
                {"joined_on": _("The day they became a member must be on or after they applied")}
            )


class SeatKind(models.TextChoices):
    TENANT = "tenant", _("Tenant")
    LEASEHOLDER = "leaseholder", _("Leaseholder")
    CO_OPTED = "co_opted", _("Co-opted")
    INDEPENDENT = "independent", _("Independent")
    LANDLORD_NOMINEE = "landlord", _("Landlord nominee")


# Seats members fill by election at a general meeting, and so retire by rotation. Co-opted
# members serve until the next AGM; independents and the landlord's nominees are appointed.
ELECTED_SEATS = (SeatKind.TENANT, SeatKind.LEASEHOLDER)


class SeatRule(models.Model):
    """How many committee seats of one kind the constitution provides."""

    constitution = models.ForeignKey(Constitution, on_delete=models.CASCADE, related_name="seats")
    kind = models.CharField(_("kind of seat"), max_length=20, choices=SeatKind.choices)
    seats = models.PositiveSmallIntegerField(_("seats"), validators=[MaxValueValidator(30)])

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("committee seats")
        constraints = [
            models.UniqueConstraint(fields=["constitution", "kind"], name="one_rule_per_seat_kind")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.seats}"

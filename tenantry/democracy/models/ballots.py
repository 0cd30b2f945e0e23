"""Ballots: one engine for resolutions, referendums, elections and the statutory Right to
Manage ballots (docs/ballots.md).

Who voted and what was voted live apart, with nothing that joins them:

- `Voter` is the roll, frozen at a date, one row per person who may vote, holding only the
  hash of their single-use code;
- `Mark` is the marked register: who has voted, on which channel and on which day (never a
  time), one per voter — a unique constraint, so no race can give anyone two;
- `Envelope` is a vote sealed (encrypted) as it is cast, written in the same transaction as
  its mark; envelopes are opened into papers only in shuffled batches, so a paper's row
  versions name a group of voters, never one (docs/privacy.md);
- `Paper` and `PaperChoice` are what was voted: random keys, no voter, code, token or time.
- `RefusedAttempt` says why a second vote (or a wrong code) was refused, without the vote.
"""

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tenantry.core.models import User
from tenantry.homes.models import Estate, Household, Resident
from tenantry.organisations.models import Organisation
from tenantry.surveys.models import random_key

from .constitution import Membership


class BallotKind(models.TextChoices):
    RESOLUTION = "resolution", _("Resolution")
    REFERENDUM = "referendum", _("Referendum")
    ELECTION = "election", _("Election")
    RTM_MEMBERS = "rtm_members", _("Right to Manage: members' ballot")
    RTM_FINAL = "rtm_final", _("Right to Manage: final ballot of tenants")
    PARTICIPATORY = "participatory", _("Participatory budget")


class CountingRule(models.TextChoices):
    SIMPLE_MAJORITY = "majority", _("Simple majority: more than half of the votes")
    THRESHOLD = "threshold", _("At least a share of the votes")
    FIRST_PAST_THE_POST = "fptp", _("The most votes win the seats")
    RTM_MEMBERS = "rtm_members", _("A majority of all members")
    RTM_FINAL = "rtm_final", _("A majority of those voting and of secure tenants voting")
    APPROVAL = "approval", _("Approval: choose any number; the votes for each are counted")
    WITHIN_BUDGET = "budget", _("Within a budget: choose any whose costs fit the budget")


# Rules under which a voter may choose any number of the options (docs/ballots.md).
CHOOSE_ANY = frozenset({CountingRule.APPROVAL, CountingRule.WITHIN_BUDGET})


class Electorate(models.TextChoices):
    MEMBERS = "members", _("Members")
    TENANTS = "tenants", _("Tenants of the organisation's homes")
    ESTATE = "estate", _("Residents of one estate")


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    PAPER = "paper", _("Paper")
    IN_PERSON = "in_person", _("In person")


class BallotStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")
    COUNTED = "counted", _("Counted")


class Ballot(models.Model):
    """One vote: a question with options (or candidates for seats), a roll, times, channels
    and a counting rule."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="ballots")
    kind = models.CharField(_("kind"), max_length=20, choices=BallotKind.choices)
    question = models.CharField(_("question"), max_length=300)
    explanation = models.TextField(_("explanation"), blank=True)
    seats = models.PositiveSmallIntegerField(
        _("seats"), default=1, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )
    rule = models.CharField(_("counting rule"), max_length=20, choices=CountingRule.choices)
    threshold_percent = models.DecimalField(
        _("share of the votes needed, %"),
        max_digits=5,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0), MaxValueValidator(100)],
    )
    electorate = models.CharField(
        _("who may vote"), max_length=10, choices=Electorate.choices, default=Electorate.MEMBERS
    )
    # The estate whose residents vote (the `estate` electorate); empty otherwise.
    estate = models.ForeignKey(
        Estate,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("estate"),
    )
    # Within a budget: the most a voter's chosen options may cost together.
    budget = models.DecimalField(
        _("budget, £"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )
    roll_date = models.DateField(_("roll frozen at"))
    opens_at = models.DateTimeField(_("opens"))
    closes_at = models.DateTimeField(_("closes"))
    online = models.BooleanField(_("online"), default=True)
    paper = models.BooleanField(_("paper"), default=True)
    in_person = models.BooleanField(_("in person"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=BallotStatus.choices, default=BallotStatus.DRAFT
    )
    # Filled by the count: the figures and, for a tie broken by lot, the drawing.
    result = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-opens_at"]
        verbose_name = _("ballot")
        verbose_name_plural = _("ballots")
        constraints = [
            models.CheckConstraint(
                condition=Q(closes_at__gt=models.F("opens_at")), name="ballot_closes_after_opens"
            ),
            models.CheckConstraint(
                condition=~Q(electorate="estate") | Q(estate__isnull=False),
                name="ballot_estate_electorate_has_estate",
            ),
            models.CheckConstraint(
                condition=Q(budget__isnull=True) | Q(budget__gte=0),
                name="ballot_budget_not_negative",
            ),
        ]

    def __str__(self) -> str:
        return self.question

    @property
    def max_choices(self) -> int:
        """A voter may choose as many options as there are seats (one on a question), and any
        number of them under approval or within a budget (where the budget is the limit)."""
        if self.rule in CHOOSE_ANY:
            return len(self.options.all())
        return self.seats if self.rule == CountingRule.FIRST_PAST_THE_POST else 1

    @property
    def channels(self) -> list[str]:
        return [c for c in Channel.values if getattr(self, c)]

    def clean(self) -> None:
        if self.opens_at and self.closes_at and self.closes_at <= self.opens_at:
            raise ValidationError({"closes_at": _("The ballot must close after it opens")})
        if self.rule == CountingRule.THRESHOLD and self.threshold_percent is None:
            raise ValidationError(
                {"threshold_percent": _("Enter the share of the votes needed, as a percentage")}
            )
        if not (self.online or self.paper or self.in_person):
            raise ValidationError({"online": _("Choose at least one way to vote")})
        if self.electorate == Electorate.ESTATE and self.estate_id is None:
            raise ValidationError({"estate": _("Choose the estate whose residents vote")})
        if self.rule == CountingRule.WITHIN_BUDGET and self.budget is None:
            raise ValidationError({"budget": _("Enter the budget the choices must fit within")})


class Option(models.Model):
    """An answer to the question, or a candidate for a seat."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="options")
    label = models.CharField(_("option"), max_length=200)
    position = models.PositiveSmallIntegerField(default=0)
    # Within a budget: what choosing it spends of the budget.
    cost = models.DecimalField(
        _("cost, £"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
        validators=[MinValueValidator(0)],
    )

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["ballot", "label"], name="option_label_once"),
            models.CheckConstraint(
                condition=Q(cost__isnull=True) | Q(cost__gte=0), name="option_cost_not_negative"
            ),
        ]

    def __str__(self) -> str:
        return self.label


class Voter(models.Model):
    """One entry on a ballot's roll: who may vote, as they were on the roll's date."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="roll")
    resident = models.ForeignKey(Resident, on_delete=models.PROTECT, related_name="+")
    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="+")
    membership = models.ForeignKey(
        Membership, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    estate = models.ForeignKey(Estate, on_delete=models.PROTECT, related_name="+")
    secure_tenant = models.BooleanField(_("secure tenant"), default=False)
    # The code is derived again from the salt and the server's secret for printing; only its
    # hash is kept, so the database alone cannot vote for anyone.
    salt = models.CharField(max_length=40)
    code_hash = models.CharField(max_length=64, null=True, blank=True)

    class Meta:
        verbose_name = _("voter on the roll")
        constraints = [
            models.UniqueConstraint(fields=["ballot", "resident"], name="voter_once_per_ballot"),
            # Hash first: the voting page finds a voter by their code alone.
            models.UniqueConstraint(fields=["code_hash", "ballot"], name="voter_code_unique"),
        ]

    def __str__(self) -> str:
        return str(self.resident_id)


class Mark(models.Model):
    """The marked register: this voter has voted, on this channel, on this day."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="marks")
    voter = models.OneToOneField(Voter, on_delete=models.CASCADE, related_name="mark")
    channel = models.CharField(_("how"), max_length=10, choices=Channel.choices)
    # The day only: a time could be matched to a paper opened soon after.
    marked_on = models.DateField(_("voted on"))
    keyed_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("mark on the register")
        indexes = [models.Index(fields=["ballot", "channel"])]

    def __str__(self) -> str:
        return f"{self.voter_id} {self.channel} {self.marked_on}"


class Envelope(models.Model):
    """A vote as cast, sealed with a key derived from the server's secret; opened into a paper
    in a shuffled batch (or at the close), then deleted."""

    id = models.BigIntegerField(primary_key=True, default=random_key, editable=False)
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="envelopes")
    sealed = models.BinaryField()

    def __str__(self) -> str:
        return str(self.pk)


class Paper(models.Model):
    """One ballot paper: what was voted, by whom never said."""

    id = models.BigIntegerField(primary_key=True, default=random_key, editable=False)
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="papers")
    # Counted apart in a Right to Manage final ballot (SI 2012/1821); false elsewhere.
    secure_tenant = models.BooleanField(default=False)
    spoilt = models.BooleanField(_("spoilt"), default=False)

    class Meta:
        verbose_name = _("ballot paper")

    def __str__(self) -> str:
        return str(self.pk)


class PaperChoice(models.Model):
    """One option marked on a paper."""

    id = models.BigIntegerField(primary_key=True, default=random_key, editable=False)
    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="+")
    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="choices")
    option = models.ForeignKey(Option, on_delete=models.CASCADE, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["paper", "option"], name="choice_once_per_paper"),
        ]
        indexes = [models.Index(fields=["ballot", "option"])]

    def __str__(self) -> str:
        return f"{self.paper_id}: {self.option_id}"


class RefusalReason(models.TextChoices):
    ALREADY_VOTED = "already_voted", _("Already voted")
    UNKNOWN_CODE = "unknown_code", _("Code not recognised")
    NOT_OPEN = "not_open", _("Ballot not open")


class RefusedAttempt(models.Model):
    """A vote refused, and why, for the scrutineer. The vote itself is never kept: a paper
    arriving after an online vote is set aside unopened."""

    ballot = models.ForeignKey(Ballot, on_delete=models.CASCADE, related_name="refusals")
    voter = models.ForeignKey(
        Voter, on_delete=models.CASCADE, null=True, blank=True, related_name="refusals"
    )
    channel = models.CharField(_("how"), max_length=10, choices=Channel.choices)
    reason = models.CharField(_("why"), max_length=20, choices=RefusalReason.choices)
    tried_on = models.DateField(_("on"))
    keyed_by = models.ForeignKey(
        User, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.voter_id} {self.channel} {self.reason}"

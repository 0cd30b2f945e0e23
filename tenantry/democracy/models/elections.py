"""Elections for committee seats: the seats to fill, nominations with a proposer and a seconder,
and the result, contested (a ballot on the engine) or uncontested (docs/elections.md).

One election fills the seats of one kind (tenant or leaseholder): an AGM that elects both holds
two elections, each with its own candidates and, when contested, its own ballot.
"""

from uuid import uuid4

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tenantry.organisations.models import Organisation

from .ballots import Ballot, Option
from .committee import CommitteeTerm
from .constitution import ELECTED_SEATS, Membership
from .meetings import Meeting

STATEMENT_CHARACTERS = 1500  # about 250 words: what fits beside a photo on a printed page


class ElectionStatus(models.TextChoices):
    NOMINATIONS = "nominations", _("Taking nominations")
    BALLOT = "ballot", _("Contested: a ballot")
    UNCONTESTED = "uncontested", _("Uncontested")
    DECLARED = "declared", _("Result declared")


class Election(models.Model):
    """An election of members to the committee seats of one kind."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="elections"
    )
    meeting = models.ForeignKey(
        Meeting,
        verbose_name=_("held at"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="elections",
    )
    kind = models.CharField(
        _("kind of seat"),
        max_length=20,
        choices=[(k.value, k.label) for k in ELECTED_SEATS],
    )
    seats = models.PositiveSmallIntegerField(
        _("seats to fill"), validators=[MinValueValidator(1), MaxValueValidator(30)]
    )
    nominations_open_on = models.DateField(_("nominations open"))
    nominations_close_on = models.DateField(_("nominations close"))
    voting_opens_at = models.DateTimeField(_("voting opens"))
    voting_closes_at = models.DateTimeField(_("voting closes"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=ElectionStatus.choices,
        default=ElectionStatus.NOMINATIONS,
    )
    ballot = models.OneToOneField(
        Ballot, on_delete=models.PROTECT, null=True, blank=True, related_name="election"
    )
    declared_on = models.DateField(_("declared on"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-nominations_close_on", "kind", "-pk"]
        verbose_name = _("election")
        verbose_name_plural = _("elections")
        constraints = [
            models.CheckConstraint(
                condition=Q(nominations_close_on__gte=F("nominations_open_on")),
                name="election_nominations_close_after_they_open",
            ),
            models.CheckConstraint(
                condition=Q(voting_closes_at__gt=F("voting_opens_at")),
                name="election_voting_closes_after_it_opens",
            ),
        ]

    def __str__(self) -> str:
        return str(
            _("Election of %(kind)s members, %(day)s")
            % {"kind": self.get_kind_display().lower(), "day": self.nominations_close_on}
        )

    @property
    def contested(self) -> bool | None:
        if self.status == ElectionStatus.NOMINATIONS:
            return None
        return self.ballot_id is not None

    def clean(self) -> None:
        errors = {}
        opens, closes = self.nominations_open_on, self.nominations_close_on
        if opens and closes and closes < opens:
            errors["nominations_close_on"] = _(
                "Nominations must close on or after the day they open"
            )
        if self.voting_opens_at and self.voting_closes_at:
            if self.voting_closes_at <= self.voting_opens_at:
                errors["voting_closes_at"] = _("Voting must close after it opens")
            elif closes and self.voting_opens_at.date() <= closes:
                errors["voting_opens_at"] = _("Voting must open after the day nominations close")
        if errors:
            raise ValidationError(errors)


class NominatedBy(models.TextChoices):
    ONLINE = "online", _("Online, by the candidate")
    PAPER = "paper", _("On a paper form")


def _photo_path(nomination: "Nomination", filename: str) -> str:
    # A random name: the file's own name may say who the candidate is or where they live.
    return f"candidates/{nomination.election.organisation_id}/{uuid4().hex}.jpg"


class Nomination(models.Model):
    """A member nominated for the election's seats, with their proposer and seconder (two other
    members), their statement and, if they wish, a photo."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="nominations")
    candidate = models.ForeignKey(
        Membership, verbose_name=_("candidate"), on_delete=models.PROTECT, related_name="+"
    )
    proposer = models.ForeignKey(
        Membership, verbose_name=_("proposer"), on_delete=models.PROTECT, related_name="+"
    )
    seconder = models.ForeignKey(
        Membership, verbose_name=_("seconder"), on_delete=models.PROTECT, related_name="+"
    )
    statement = models.TextField(_("statement"), max_length=STATEMENT_CHARACTERS, blank=True)
    # Re-encoded as a small JPEG when uploaded: no camera data, no more than PHOTO_PIXELS a side.
    photo = models.FileField(_("photo"), upload_to=_photo_path, max_length=200, blank=True)
    how = models.CharField(_("nominated"), max_length=10, choices=NominatedBy.choices)
    received_on = models.DateField(_("received on"))
    keyed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    # The candidate on the ballot paper, once nominations close and the election is contested.
    option = models.OneToOneField(
        Option, on_delete=models.SET_NULL, null=True, blank=True, related_name="nomination"
    )
    elected = models.BooleanField(_("elected"), null=True, blank=True)
    term = models.OneToOneField(
        CommitteeTerm, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        constraints = [
            models.UniqueConstraint(
                fields=["election", "candidate"], name="one_nomination_per_candidate"
            ),
            models.CheckConstraint(
                condition=~Q(proposer=F("candidate")) & ~Q(seconder=F("candidate")),
                name="a_candidate_is_nominated_by_others",
            ),
            models.CheckConstraint(
                condition=~Q(proposer=F("seconder")),
                name="a_nomination_is_seconded_by_someone_else",
            ),
        ]

    def __str__(self) -> str:
        return self.candidate.resident.name

    @property
    def name(self) -> str:
        return self.candidate.resident.name

"""General meetings (AGM and others) and committee meetings: notice, agenda, attendance at the
door, proxies, motions and their outcome, minutes, and the criticisms and questions raised.

The rules these follow live in one function each: notice in clear days and the AGM's deadline in
`democracy/notice.py`, quorum in `democracy/quorum.py`, a resolution's outcome in
`democracy/resolutions.py` (docs/meetings.md).
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from tenantry.organisations.models import Organisation

from .constitution import Membership


class MeetingKind(models.TextChoices):
    AGM = "agm", _("Annual general meeting")
    GENERAL = "general", _("General meeting")
    COMMITTEE = "committee", _("Committee meeting")


class Meeting(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="meetings"
    )
    kind = models.CharField(_("kind of meeting"), max_length=10, choices=MeetingKind.choices)
    title = models.CharField(_("title"), max_length=200, blank=True)
    day = models.DateField(_("date"))
    starts_at = models.TimeField(_("start time"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=300, blank=True)
    online_link = models.URLField(_("online link"), max_length=500, blank=True)
    # The notice: when it went and how (emails and letters), and why it went late if it did.
    notice_given_on = models.DateField(_("notice given on"), null=True, blank=True)
    notice_emails = models.PositiveIntegerField(_("notices emailed"), default=0)
    notice_letters = models.PositiveIntegerField(_("notices by letter"), default=0)
    late_notice_reason = models.TextField(_("why notice went late"), blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-day", "-starts_at"]
        indexes = [models.Index(fields=["organisation", "-day"])]

    def __str__(self) -> str:
        return self.name

    @property
    def name(self) -> str:
        return self.title or str(self.get_kind_display())

    @property
    def is_general(self) -> bool:
        return self.kind in (MeetingKind.AGM, MeetingKind.GENERAL)


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda")
    position = models.PositiveSmallIntegerField(default=1)
    title = models.CharField(_("item"), max_length=200)
    detail = models.TextField(_("detail"), blank=True)

    class Meta:
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class AttendanceMode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    ONLINE = "online", pgettext_lazy("meeting", "Online")
    APOLOGIES = "apologies", _("Apologies")


class Attendance(models.Model):
    """A member present (in person or online) or sending apologies, or an observer (a person
    who is not a member: counted apart, never towards the quorum)."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendances")
    membership = models.ForeignKey(
        Membership, on_delete=models.PROTECT, null=True, blank=True, related_name="attendances"
    )
    observer_name = models.CharField(_("observer's name"), max_length=150, blank=True)
    mode = models.CharField(_("attendance"), max_length=10, choices=AttendanceMode.choices)
    recorded_at = models.DateTimeField(default=timezone.now)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "membership"],
                condition=Q(membership__isnull=False),
                name="one_attendance_per_member_per_meeting",
            ),
            models.CheckConstraint(
                condition=Q(membership__isnull=False) | ~Q(observer_name=""),
                name="attendance_is_a_member_or_a_named_observer",
            ),
        ]

    def __str__(self) -> str:
        who = self.membership.resident.name if self.membership_id else self.observer_name
        return f"{who}: {self.get_mode_display()}"

    @property
    def present(self) -> bool:
        return self.mode != AttendanceMode.APOLOGIES


class Proxy(models.Model):
    """A member's appointment of another member to attend and vote for them at one meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="proxies")
    member = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="proxies_given")
    holder = models.ForeignKey(Membership, on_delete=models.PROTECT, related_name="proxies_held")
    lodged_at = models.DateTimeField(_("lodged at"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name_plural = "proxies"
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "member"], name="one_proxy_per_member_per_meeting"
            ),
            models.CheckConstraint(
                condition=~Q(member=models.F("holder")), name="a_proxy_is_someone_else"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member} → {self.holder}"


class ResolutionKind(models.TextChoices):
    ORDINARY = "ordinary", _("Ordinary resolution")
    SPECIAL = "special", _("Special resolution")


class VoteMethod(models.TextChoices):
    HANDS = "hands", _("Show of hands")
    POLL = "poll", _("Poll (a ballot)")


class Outcome(models.TextChoices):
    PENDING = "pending", _("Not yet voted on")
    CARRIED = "carried", _("Carried")
    LOST = "lost", _("Not carried")
    POLL = "poll", _("Poll demanded")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Motion(models.Model):
    """A motion or an amendment to one, put to a meeting, and how it was decided."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="motions")
    amends = models.ForeignKey(
        "self",
        verbose_name=_("amends"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="amendments",
    )
    # Approving the minutes of an earlier meeting: carried, they are approved and locked.
    approves_minutes_of = models.ForeignKey(
        Meeting,
        verbose_name=_("approves the minutes of"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="approving_motions",
    )
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("wording"))
    kind = models.CharField(
        _("kind of resolution"),
        max_length=10,
        choices=ResolutionKind.choices,
        default=ResolutionKind.ORDINARY,
    )
    proposer = models.ForeignKey(
        Membership,
        verbose_name=_("proposed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    seconder = models.ForeignKey(
        Membership,
        verbose_name=_("seconded by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    method = models.CharField(
        _("how it was decided"), max_length=10, choices=VoteMethod.choices, blank=True
    )
    votes_for = models.PositiveIntegerField(_("for"), null=True, blank=True)
    votes_against = models.PositiveIntegerField(_("against"), null=True, blank=True)
    abstentions = models.PositiveIntegerField(_("abstentions"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=10, choices=Outcome.choices, default=Outcome.PENDING
    )
    outcome_text = models.TextField(_("outcome in words"), blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    # The ballot engine's hook: a poll demanded is recorded here; the engine opens the ballot
    # (`services.demand_poll`) and records its result through `services.record_poll_result`.
    poll_demanded_at = models.DateTimeField(null=True, blank=True)
    # The poll's ballot on the engine; its count decides the motion (`meeting_services`).
    ballot = models.OneToOneField(
        "democracy.Ballot",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="motion",
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(proposer__isnull=True)
                | Q(seconder__isnull=True)
                | ~Q(proposer=models.F("seconder")),
                name="a_motion_is_seconded_by_someone_else",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def outcome_detail(self) -> str:
        """The outcome's words without the verdict ("31 for, 4 against, …"), for a page that
        shows the verdict as a tag beside them."""
        if self.outcome in (Outcome.CARRIED, Outcome.LOST) and ": " in self.outcome_text:
            return self.outcome_text.split(": ", 1)[1]
        return self.outcome_text


class Minutes(models.Model):
    """A meeting's minutes: drafted from its record, edited, approved at a later meeting and
    locked from then on (`services.edit_minutes` refuses)."""

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes")
    text = models.TextField(_("minutes"))
    approved_on = models.DateField(_("approved on"), null=True, blank=True)
    approved_by = models.ForeignKey(
        Motion, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name_plural = "minutes"

    def __str__(self) -> str:
        return str(_("Minutes of %(meeting)s") % {"meeting": self.meeting})

    @property
    def locked(self) -> bool:
        return self.approved_on is not None


class RaisedKind(models.TextChoices):
    CRITICISM = "criticism", _("Criticism")
    QUESTION = "question", _("Question")


class RaisedStatus(models.TextChoices):
    OPEN = "open", _("Waiting for an answer")
    ANSWERED = "answered", _("Answered")


class Criticism(models.Model):
    """A criticism or question raised at a meeting, which the committee owes an answer.

    The Guide (Chapter 5, "How democratic is the TMO?") warns of a committee that "ignores
    criticisms raised at meetings": each one has an owner, a due date and a response, and is
    listed for members until it is answered.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="criticisms"
    )
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="criticisms")
    kind = models.CharField(
        _("kind"), max_length=10, choices=RaisedKind.choices, default=RaisedKind.CRITICISM
    )
    raised_by = models.CharField(
        _("raised by"), max_length=150, blank=True, help_text=_("Leave empty to keep it unnamed.")
    )
    text = models.TextField(_("what was raised"))
    owner = models.CharField(_("who answers it"), max_length=150)
    due_on = models.DateField(_("answer due by"))
    response = models.TextField(_("response"), blank=True)
    answered_on = models.DateField(_("answered on"), null=True, blank=True)
    status = models.CharField(
        _("status"), max_length=10, choices=RaisedStatus.choices, default=RaisedStatus.OPEN
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["due_on", "pk"]
        indexes = [models.Index(fields=["organisation", "status", "due_on"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(status="open") | (~Q(response="") & Q(answered_on__isnull=False)),
                name="an_answered_criticism_has_its_response",
            ),
        ]

    def __str__(self) -> str:
        return self.text[:80]

    def overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.status == RaisedStatus.OPEN and self.due_on < today

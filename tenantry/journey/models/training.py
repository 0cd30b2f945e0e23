"""Training for tenants: courses and their sessions kept by an organisation that trains (a
network, a TMO, a landlord's tenant participation team), bookings with a waiting list and
attendance, and e-learning modules read and passed inside Tenantry (docs/journey.md).

Which committee skills a course or module builds are values of democracy's skills matrix
(`democracy/skills.py`), the one list of them."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tenantry.democracy.skills import Skill, skill_labels
from tenantry.organisations.models import Organisation

from .groups import Group


class Delivery(models.TextChoices):
    FACE_TO_FACE = "face_to_face", _("Face to face")
    ONLINE_LIVE = "online_live", _("Online, live")
    E_LEARNING = "e_learning", _("E-learning, at your own pace")


class Course(models.Model):
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="courses", verbose_name=_("run by")
    )
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("what the course covers"))
    accredited = models.BooleanField(_("accredited"), default=False)
    awarding_body = models.CharField(_("awarding body"), max_length=200, blank=True)
    level = models.CharField(_("level"), max_length=60, blank=True)
    credits = models.PositiveSmallIntegerField(_("credits"), null=True, blank=True)
    length = models.CharField(_("length"), max_length=100, help_text=_("For example: two days"))
    delivery = models.CharField(_("delivery"), max_length=20, choices=Delivery.choices)
    skills = models.JSONField(_("skills it builds"), default=list, blank=True)  # Skill values
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("course")
        ordering = ["title", "pk"]
        constraints = [
            # An accredited course names who awards it; one that is not has no awarding body.
            models.CheckConstraint(
                condition=Q(accredited=False, awarding_body="")
                | (Q(accredited=True) & ~Q(awarding_body="")),
                name="journey_course_accredited_by_a_body",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        if self.accredited and not self.awarding_body.strip():
            raise ValidationError(
                {"awarding_body": _("Enter the awarding body of an accredited course")}
            )
        if not self.accredited:
            self.awarding_body, self.level, self.credits = "", "", None
        unknown = set(self.skills) - set(Skill.values)
        if unknown:
            raise ValidationError({"skills": _("Choose skills from the committee skills matrix")})

    def skill_labels(self) -> list[str]:
        return skill_labels(self.skills)


class Session(models.Model):
    """One running of a course: when, where (or online), how many places, who trains."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="sessions")
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    place = models.CharField(
        _("place"), max_length=300, blank=True, help_text=_("Leave empty for an online session")
    )
    online = models.BooleanField(_("online"), default=False)
    capacity = models.PositiveSmallIntegerField(_("places"))
    trainer = models.CharField(_("trainer"), max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("training session")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["starts_at"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")), name="journey_session_ends_after_start"
            ),
            models.CheckConstraint(
                condition=Q(capacity__gte=1), name="journey_session_has_a_place"
            ),
            models.CheckConstraint(
                condition=Q(online=True) | ~Q(place=""), name="journey_session_has_a_place_to_be"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.course} ({self.starts_at:%d %b %Y})"

    def clean(self) -> None:
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            raise ValidationError({"ends_at": _("The session must end after it starts")})
        if not self.online and not self.place.strip():
            raise ValidationError({"place": _("Enter where the session is, or tick online")})


class BookingStatus(models.TextChoices):
    BOOKED = "booked", _("Booked")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Attendance(models.TextChoices):
    NOT_MARKED = "", _("Not marked yet")
    ATTENDED = "attended", _("Attended")
    DID_NOT_ATTEND = "did_not_attend", _("Did not attend")


ACTIVE = (BookingStatus.BOOKED, BookingStatus.WAITING)


class Booking(models.Model):
    """A place on a session, or a place in its waiting list, for one person: booked by
    themselves (`user`) or by the organiser for them (name and email only)."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="bookings")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="training_bookings",
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email"))
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("organisation"),
    )
    group = models.ForeignKey(
        Group,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="training_bookings",
        verbose_name=_("tenant group"),
    )
    status = models.CharField(_("status"), max_length=10, choices=BookingStatus.choices)
    attendance = models.CharField(
        _("attendance"), max_length=20, choices=Attendance.choices, default="", blank=True
    )
    booked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    booked_at = models.DateTimeField(auto_now_add=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("booking")
        ordering = ["booked_at", "pk"]
        constraints = [
            # One live booking per person per session, whoever made it.
            models.UniqueConstraint(
                fields=["session", "email"],
                condition=Q(status__in=["booked", "waiting"]),
                name="journey_booking_one_per_email",
            ),
            models.CheckConstraint(
                condition=Q(attendance="") | Q(status="booked"),
                name="journey_booking_attendance_only_when_booked",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.name} – {self.session}"

    @property
    def where_from(self) -> str:
        if self.organisation_id:
            return self.organisation.name
        if self.group_id:
            return self.group.name
        return ""


class Module(models.Model):
    """An e-learning module read and taken inside Tenantry: a few pages, then a short quiz."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="modules", verbose_name=_("kept by")
    )
    slug = models.SlugField(_("short name for its address"), max_length=80, unique=True)
    title = models.CharField(_("title"), max_length=200)
    summary = models.TextField(_("what it covers"))
    minutes = models.PositiveSmallIntegerField(_("minutes to read"), default=15)
    pass_mark = models.PositiveSmallIntegerField(
        _("pass mark"), help_text=_("The number of questions to get right to pass")
    )
    skills = models.JSONField(_("skills it builds"), default=list, blank=True)
    published = models.BooleanField(_("published"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("e-learning module")
        ordering = ["title", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(pass_mark__gte=1), name="journey_module_pass_mark")
        ]

    def __str__(self) -> str:
        return self.title

    def skill_labels(self) -> list[str]:
        return skill_labels(self.skills)


class ModulePage(models.Model):
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="pages")
    position = models.PositiveSmallIntegerField()
    heading = models.CharField(_("heading"), max_length=200)
    body = models.TextField(_("text"), help_text=_("Plain text; an empty line starts a paragraph"))

    class Meta:
        ordering = ["module", "position"]
        constraints = [
            models.UniqueConstraint(fields=["module", "position"], name="journey_page_position")
        ]

    def __str__(self) -> str:
        return self.heading

    def paragraphs(self) -> list[str]:
        return [part.strip() for part in self.body.split("\n\n") if part.strip()]


class Question(models.Model):
    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="questions")
    position = models.PositiveSmallIntegerField()
    text = models.CharField(_("question"), max_length=300)

    class Meta:
        ordering = ["module", "position"]
        constraints = [
            models.UniqueConstraint(fields=["module", "position"], name="journey_question_position")
        ]

    def __str__(self) -> str:
        return self.text


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField()
    text = models.CharField(_("answer"), max_length=300)
    correct = models.BooleanField(_("correct"), default=False)

    class Meta:
        ordering = ["question", "position"]

    def __str__(self) -> str:
        return self.text


class Attempt(models.Model):
    """One go at a module's quiz: its score, and whether it reached the pass mark. The module is
    completed by a person's first attempt that passed; they may take it again."""

    module = models.ForeignKey(Module, on_delete=models.CASCADE, related_name="attempts")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="module_attempts"
    )
    score = models.PositiveSmallIntegerField(_("score"))
    out_of = models.PositiveSmallIntegerField(_("out of"))
    passed = models.BooleanField(_("passed"))
    taken_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-taken_at", "-pk"]
        indexes = [models.Index(fields=["user", "passed"])]
        constraints = [
            models.CheckConstraint(
                condition=Q(score__lte=F("out_of")), name="journey_attempt_score_in_range"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.module}: {self.score}/{self.out_of}"

"""The operational records every indicator is computed from.

Each record belongs to the organisation responsible for it (one foreign key, for isolation),
points at the home, block or estate it concerns, and carries the landlord's own reference so
that re-importing the same file updates rather than duplicates.
"""

from uuid import uuid4

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tenantry.core.dated import InForceQuerySet
from tenantry.core.deadlines import HazardReport, HazardStep, local_date, undated_steps
from tenantry.homes.models import Block, Estate, Home, Household
from tenantry.organisations.models import Organisation

from . import validation


class Record(models.Model):
    """What every service record has: who is responsible, where, and the landlord's reference."""

    # No index of its own: the unique (organisation, reference) index leads with it already.
    organisation = models.ForeignKey(
        Organisation, verbose_name=_("responsible organisation"), on_delete=models.PROTECT,
        related_name="+", db_index=False,
    )  # fmt: skip
    reference = models.CharField(_("reference"), max_length=60)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.reference

    def clean(self) -> None:
        """What the kind's values may be (records/validation.py), for every service's
        `full_clean()`, the admin included."""
        names = {
            n
            for rule in validation.rules_of(self._meta.model_name)
            for n in validation.fields_of(rule)
        }
        problems = validation.problems(self._meta.model_name, {n: getattr(self, n) for n in names})
        if problems:
            raise ValidationError(dict(problems))


def _unique_reference(name: str) -> models.UniqueConstraint:
    return models.UniqueConstraint(fields=["organisation", "reference"], name=f"{name}_reference")


class RepairPriority(models.Model):
    """One priority in a landlord's repairs scheme, with its target timescale."""

    class Unit(models.TextChoices):
        HOURS = "hours", _("hours")
        WORKING_DAYS = "working_days", _("working days")
        CALENDAR_DAYS = "calendar_days", _("calendar days")

    landlord = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="repair_priorities"
    )
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=60)
    target_amount = models.PositiveSmallIntegerField(_("target"), validators=[MinValueValidator(1)])
    target_unit = models.CharField(_("unit"), max_length=16, choices=Unit.choices)
    is_emergency = models.BooleanField(
        _("emergency"),
        default=False,
        help_text=_("The regulator's RP02 reports emergency and other repairs separately."),
    )

    class Meta:
        ordering = ["target_unit", "target_amount"]
        verbose_name = _("repair priority")
        verbose_name_plural = _("repair priorities")
        constraints = [
            models.UniqueConstraint(fields=["landlord", "code"], name="repair_priority_code")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.target_amount} {self.get_target_unit_display()})"

    @property
    def timescale(self):
        from tenantry.core.deadlines import Timescale

        return Timescale(self.target_amount, self.target_unit)


class Repair(Record):
    class Kind(models.TextChoices):
        RESPONSIVE = "responsive", _("Responsive")
        PLANNED = "planned", _("Planned")

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        COMPLETED = "completed", _("Completed")
        CANCELLED = "cancelled", _("Cancelled")
        RECLASSIFIED = "reclassified", _("Reclassified as planned work")

    class Trade(models.TextChoices):
        PLUMBING = "plumbing", _("Plumbing")
        HEATING = "heating", _("Heating and hot water")
        ELECTRICAL = "electrical", _("Electrical")
        CARPENTRY = "carpentry", _("Doors, windows and carpentry")
        ROOFING = "roofing", _("Roofs and gutters")
        DAMP_MOULD = "damp_mould", _("Damp and mould")
        DRAINAGE = "drainage", _("Drains")
        GLAZING = "glazing", _("Glazing")
        PLASTERING = "plastering", _("Plastering and decorating")
        COMMUNAL = "communal", _("Communal areas")
        OTHER = "other", _("Other")

    class Hazard(models.TextChoices):
        """Awaab's Law (SI 2025/1042) hazard levels."""

        NONE = "", _("None")
        SIGNIFICANT = "significant", _("Significant hazard")
        EMERGENCY = "emergency", _("Emergency hazard")

    home = models.ForeignKey(
        Home, on_delete=models.PROTECT, null=True, blank=True, related_name="repairs"
    )
    # Few repairs are to a block, and priorities and users are rarely deleted: these foreign
    # keys go without indexes, which a million-row import would otherwise keep up to date.
    block = models.ForeignKey(
        Block,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="repairs",
        db_index=False,
    )
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices, default=Kind.RESPONSIVE)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    # Empty while a resident's report awaits triage: staff give it a priority (and so a target
    # time) when they first look at it (`services.set_repair_priority`).
    priority = models.ForeignKey(
        RepairPriority,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="repairs",
        db_index=False,
    )
    trade = models.CharField(_("trade"), max_length=16, choices=Trade.choices, default=Trade.OTHER)
    description = models.TextField(_("what needs doing"), blank=True)
    reported_at = models.DateTimeField(_("reported"))
    # The priority's target, kept with the repair so RP02 ("completed within the landlord's
    # target timescale") is one comparison in the database: working days cannot be counted in
    # SQL. Set from the priority whenever the repair is saved or imported.
    due_at = models.DateTimeField(_("target time"), null=True, blank=True, editable=False)
    appointment_at = models.DateTimeField(_("appointment"), null=True, blank=True)
    appointment_kept = models.BooleanField(_("appointment kept"), null=True, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)
    right_first_time = models.BooleanField(_("right first time"), null=True, blank=True)
    cost = models.DecimalField(
        _("cost (£)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    contractor = models.CharField(_("contractor"), max_length=120, blank=True)
    satisfaction = models.PositiveSmallIntegerField(
        _("resident's satisfaction"), null=True, blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(5)],
        help_text=_("1 = very dissatisfied, 5 = very satisfied"),
    )  # fmt: skip
    satisfaction_comment = models.TextField(_("resident's comment"), blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        db_index=False,
    )
    # What a resident tells us when reporting online, for whoever triages and books the job.
    reported_as_emergency = models.BooleanField(
        _("resident said it is an emergency"), default=False
    )
    access_times = models.CharField(_("when we can get in"), max_length=300, blank=True)
    # Awaab's Law: damp and mould (and, from 2026, other) hazards are timed against statute.
    hazard = models.CharField(
        _("hazard"), max_length=12, choices=Hazard.choices, default="", blank=True
    )
    investigated_at = models.DateTimeField(_("investigated"), null=True, blank=True)
    made_safe_at = models.DateTimeField(_("made safe"), null=True, blank=True)
    summary_sent_on = models.DateField(_("written summary sent"), null=True, blank=True)
    safety_work_done_on = models.DateField(_("safety work done"), null=True, blank=True)
    further_works_started_on = models.DateField(_("further works started"), null=True, blank=True)
    # A step with no date is never met (docs/deadlines.md): completing a hazard repair needs
    # each step's date or this reason.
    hazard_dates_reason = models.CharField(
        _("why any Awaab's Law dates are missing"),
        max_length=200,
        blank=True,
        help_text=_(
            "For example: no hazard found on investigation; the resident refused access; "
            "no further works needed."
        ),
    )

    # The field recording each Awaab's Law step, and what an empty one asks for.
    STEP_FIELDS: dict[HazardStep, tuple[str, str]] = {
        HazardStep.MAKE_SAFE: (
            "made_safe_at",
            _("Enter when the hazard was made safe, or give the reason it was not recorded"),
        ),
        HazardStep.INVESTIGATE: (
            "investigated_at",
            _("Enter when the investigation ended, or give the reason it was not recorded"),
        ),
        HazardStep.WRITTEN_SUMMARY: (
            "summary_sent_on",
            _("Enter when the written summary was sent, or give the reason it was not recorded"),
        ),
        HazardStep.SAFETY_WORK: (
            "safety_work_done_on",
            _("Enter when the safety work was done, or give the reason it was not recorded"),
        ),
        HazardStep.FURTHER_WORKS: (
            "further_works_started_on",
            _("Enter when further works began, or give the reason they were not recorded"),
        ),
    }

    class Meta:
        ordering = ["-reported_at"]
        verbose_name = _("repair")
        verbose_name_plural = _("repairs")
        constraints = [
            _unique_reference("repair"),
            models.CheckConstraint(
                condition=Q(completed_at__isnull=True) | Q(completed_at__gte=F("reported_at")),
                name="repair_completed_after_reported",
            ),
            models.CheckConstraint(
                condition=~Q(status="completed") | Q(completed_at__isnull=False),
                name="completed_repair_has_completion_time",
            ),
            *validation.constraints("repair"),
        ]
        indexes = [
            models.Index(fields=["organisation", "completed_at"]),
            models.Index(fields=["organisation", "status", "reported_at"]),
            # Latest first: the list of repairs, and those at the homes a search finds.
            models.Index(fields=["organisation", "reported_at"]),
            # Open repairs by their target time (few among many): those past it, for the list's
            # "open and past target" filter and the overdue counts.
            models.Index(
                fields=["organisation", "due_at"],
                condition=Q(status="open"),
                name="repair_open_by_due",
            ),
            # Repairs to a block (few), for a list filtered by estate.
            models.Index(fields=["block"], condition=Q(block__isnull=False), name="repair_block"),
            # Awaab's Law hazards, latest first: few among many, so the list's hazards filter
            # reads only them.
            models.Index(
                fields=["organisation", "reported_at"],
                condition=~Q(hazard=""),
                name="repair_hazards_latest",
            ),
            # Reports waiting for staff to set a priority (a handful): counted beside the
            # staff menu's entry on every page (`selectors/triage.py`).
            models.Index(
                fields=["organisation", "reported_at"],
                condition=Q(status="open", priority__isnull=True),
                name="repair_awaiting_triage",
            ),
        ]

    def save(self, *args, **kwargs) -> None:
        # A repair keeps the target of the priority it was given when reported (RP02 judges it
        # against the timescale that applied then): it is timed when raised, and again only if
        # its priority or the time it was reported is corrected, never because the priority's
        # target changed later.
        if self.priority_id and self.reported_at and self._needs_timing():
            self.due_at = self.priority.timescale.due(self.reported_at)
        super().save(*args, **kwargs)

    @property
    def awaiting_triage(self) -> bool:
        """A report no one has given a priority yet, so it has no target time."""
        return self.priority_id is None and self.status == self.Status.OPEN

    def _needs_timing(self) -> bool:
        if self._state.adding or self.due_at is None:
            return True
        stored = Repair.objects.filter(pk=self.pk).values_list("priority_id", "reported_at")
        return stored.first() != (self.priority_id, self.reported_at)

    def awaabs_law(self) -> HazardReport | None:
        """The repair's hazard as Awaab's Law sees it: only the dates recorded, never inferred.

        Significant hazards are timed as damp and mould, the only such hazard in force (since
        27 October 2025), whatever trade the repair was logged under (a leak causing mould).
        """
        if not self.hazard or self.reported_at is None:
            return None
        return HazardReport(
            severity=self.hazard,
            aware_at=self.reported_at,
            kind="damp_and_mould"
            if self.trade == Repair.Trade.DAMP_MOULD or self.hazard == Repair.Hazard.SIGNIFICANT
            else self.trade,
            made_safe_at=self.made_safe_at if self.hazard == Repair.Hazard.EMERGENCY else None,
            investigation_concluded_on=local_date(self.investigated_at)
            if self.investigated_at
            else None,
            summary_sent_on=self.summary_sent_on,
            safety_work_done_on=self.safety_work_done_on,
            further_works_started_on=self.further_works_started_on,
            completed_at=self.completed_at,
            no_dates_reason=self.hazard_dates_reason,
        )

    def missing_hazard_dates(self) -> dict[str, str]:
        """A completed hazard repair's step fields with no date and no reason given, each with
        what it asks for: the one completion rule for the form, the service and the import."""
        report = self.awaabs_law()
        if report is None or self.completed_at is None or self.hazard_dates_reason.strip():
            return {}
        return dict(self.STEP_FIELDS[step] for step in undated_steps(report))

    def clean(self) -> None:
        super().clean()
        if not (self.home_id or self.block_id):
            raise ValidationError(_("A repair is to a home or to a block."))
        if missing := self.missing_hazard_dates():
            raise ValidationError(missing)


def _photo_path(photo: "RepairPhoto", filename: str) -> str:
    # A random name: the resident's own file name can say who they are or where they live.
    return f"repair-photos/{photo.repair.organisation_id}/{uuid4().hex}.{photo.extension}"


class RepairPhoto(models.Model):
    """A photo a resident added to a repair report. Kept in the default storage under MEDIA_ROOT
    and served only through `services:repair-photo`, which checks who is asking: never from a
    public media address."""

    class Format(models.TextChoices):
        JPEG = "image/jpeg", "JPEG"
        PNG = "image/png", "PNG"

    repair = models.ForeignKey(Repair, on_delete=models.CASCADE, related_name="photos")
    file = models.FileField(_("photo"), upload_to=_photo_path, max_length=200)
    content_type = models.CharField(max_length=20, choices=Format.choices)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("repair photo")
        verbose_name_plural = _("repair photos")

    def __str__(self) -> str:
        return f"{self.repair} photo {self.pk}"

    @property
    def extension(self) -> str:
        return "png" if self.content_type == self.Format.PNG else "jpg"


class VoidClock(models.TextChoices):
    """Events that can start or stop the void clock, as agreed in the management agreement."""

    TENANCY_END = "tenancy_end", _("Tenancy ends")
    KEYS_RETURNED = "keys_returned", _("Keys returned")
    READY_TO_LET = "ready_to_let", _("Ready to let")
    NEW_TENANCY = "new_tenancy", _("New tenancy starts")


class Void(Record):
    class Reason(models.TextChoices):
        MOVED_OUT = "moved_out", _("Tenant moved out")
        TRANSFER = "transfer", _("Transfer within the landlord's homes")
        DEATH = "death", _("Death of tenant")
        EVICTION = "eviction", _("Eviction")
        ABANDONMENT = "abandonment", _("Abandoned")
        DECANT = "decant", _("Decant for works")
        OTHER = "other", _("Other")

    home = models.ForeignKey(Home, on_delete=models.PROTECT, related_name="voids")
    reason = models.CharField(_("reason"), max_length=12, choices=Reason.choices)
    tenancy_ended_on = models.DateField(_("tenancy ended"))
    keys_returned_on = models.DateField(_("keys returned"), null=True, blank=True)
    works_started_on = models.DateField(_("works started"), null=True, blank=True)
    works_completed_on = models.DateField(_("works completed"), null=True, blank=True)
    major_works = models.BooleanField(_("major works"), default=False)
    ready_to_let_on = models.DateField(_("ready to let"), null=True, blank=True)
    new_tenancy_started_on = models.DateField(_("new tenancy started"), null=True, blank=True)

    class Meta:
        ordering = ["-tenancy_ended_on"]
        # The list: the organisation's records in its order (the id breaks ties of a day).
        indexes = [
            models.Index(fields=["organisation", "tenancy_ended_on", "id"], name="void_list")
        ]
        verbose_name = _("void")
        verbose_name_plural = _("voids")
        constraints = [
            _unique_reference("void"),
            models.CheckConstraint(
                condition=Q(new_tenancy_started_on__isnull=True)
                | Q(new_tenancy_started_on__gte=F("tenancy_ended_on")),
                name="void_let_after_it_ended",
            ),
        ]


class RentPeriod(Record):
    """One household's rent account over one period: what was due, paid and owed."""

    household = models.ForeignKey(Household, on_delete=models.PROTECT, related_name="rent_periods")
    starts_on = models.DateField(_("period starts"))
    ends_on = models.DateField(_("period ends"))
    arrears_brought_forward = models.DecimalField(
        _("arrears brought forward (£)"), max_digits=10, decimal_places=2
    )
    rent_due = models.DecimalField(_("rent due (£)"), max_digits=10, decimal_places=2)
    collected = models.DecimalField(_("collected (£)"), max_digits=10, decimal_places=2)
    written_off = models.DecimalField(
        _("written off (£)"), max_digits=10, decimal_places=2, default=0
    )
    arrears_carried_forward = models.DecimalField(
        _("arrears carried forward (£)"), max_digits=10, decimal_places=2
    )

    class Meta:
        ordering = ["-starts_on"]
        # The list: the organisation's records in its order (the id breaks ties of a day).
        indexes = [
            models.Index(fields=["organisation", "starts_on", "id"], name="rent_period_list")
        ]
        verbose_name = _("rent period")
        verbose_name_plural = _("rent periods")
        constraints = [
            _unique_reference("rent_period"),
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="rent_period_ends_after_start"
            ),
            *validation.constraints("rentperiod"),
        ]

    def clean(self) -> None:
        super().clean()
        expected = self.arrears_brought_forward + self.rent_due - self.collected - self.written_off
        if self.arrears_carried_forward is not None and expected != self.arrears_carried_forward:
            message = _("Should be %(expected)s: brought forward + due − collected − written off.")
            raise ValidationError({"arrears_carried_forward": message % {"expected": expected}})


class Complaint(Record):
    class Stage(models.IntegerChoices):
        ONE = 1, _("Stage 1")
        TWO = 2, _("Stage 2")

    class Outcome(models.TextChoices):
        OPEN = "", _("Not decided yet")
        UPHELD = "upheld", _("Upheld")
        PARTLY = "partly", _("Partly upheld")
        NOT_UPHELD = "not_upheld", _("Not upheld")
        WITHDRAWN = "withdrawn", _("Withdrawn")

    class Category(models.TextChoices):
        REPAIRS = "repairs", _("Repairs")
        COMMUNICATION = "communication", _("Communication")
        STAFF = "staff", _("Staff conduct")
        ASB = "asb", _("Anti-social behaviour handling")
        CLEANING = "cleaning", _("Cleaning and caretaking")
        RENT = "rent", _("Rent and charges")
        LETTINGS = "lettings", _("Lettings and voids")
        SAFETY = "safety", _("Building safety")
        OTHER = "other", _("Other")

    home = models.ForeignKey(
        Home, on_delete=models.PROTECT, null=True, blank=True, related_name="complaints"
    )
    category = models.CharField(_("about"), max_length=16, choices=Category.choices)
    description = models.TextField(_("what the complaint is about"), blank=True)
    made_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    received_on = models.DateField(_("received"))
    stage1_acknowledged_on = models.DateField(_("stage 1 acknowledged"), null=True, blank=True)
    stage1_responded_on = models.DateField(_("stage 1 answered"), null=True, blank=True)
    stage1_extension_days = models.PositiveSmallIntegerField(
        _("stage 1 extension (working days)"), default=0, validators=[MaxValueValidator(10)]
    )
    escalated_on = models.DateField(_("escalated to stage 2"), null=True, blank=True)
    stage2_acknowledged_on = models.DateField(_("stage 2 acknowledged"), null=True, blank=True)
    stage2_responded_on = models.DateField(_("stage 2 answered"), null=True, blank=True)
    stage2_extension_days = models.PositiveSmallIntegerField(
        _("stage 2 extension (working days)"), default=0, validators=[MaxValueValidator(20)]
    )
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=Outcome.choices, default="", blank=True
    )
    escalation_reason = models.TextField(_("why stage 2 was asked for"), blank=True)
    referred_to_ombudsman_on = models.DateField(
        _("referred to the Housing Ombudsman"), null=True, blank=True
    )

    class Meta:
        ordering = ["-received_on"]
        # The list: the organisation's records in its order (the id breaks ties of a day).
        indexes = [
            models.Index(fields=["organisation", "received_on", "id"], name="complaint_list"),
            # A landlord's newest complaints across the organisations it delegates to (the
            # records behind CH01): read newest first until a page is found, not all sorted.
            models.Index(fields=["received_on"], name="complaint_received"),
        ]
        verbose_name = _("complaint")
        verbose_name_plural = _("complaints")
        constraints = [
            _unique_reference("complaint"),
            models.CheckConstraint(
                condition=Q(escalated_on__isnull=True) | Q(escalated_on__gte=F("received_on")),
                name="complaint_escalated_after_received",
            ),
        ]

    @property
    def stage(self) -> int:
        return 2 if self.escalated_on else 1


class AsbCase(Record):
    class Category(models.TextChoices):
        NOISE = "noise", _("Noise")
        HARASSMENT = "harassment", _("Harassment or intimidation")
        VIOLENCE = "violence", _("Violence or threats")
        VANDALISM = "vandalism", _("Vandalism or criminal damage")
        DRUGS = "drugs", _("Drugs")
        NUISANCE = "nuisance", _("Nuisance behaviour")
        OTHER = "other", _("Other")

    home = models.ForeignKey(
        Home, on_delete=models.PROTECT, null=True, blank=True, related_name="asb_cases"
    )
    estate = models.ForeignKey(
        Estate, on_delete=models.PROTECT, null=True, blank=True, related_name="asb_cases"
    )
    category = models.CharField(_("category"), max_length=12, choices=Category.choices)
    # Kept from the case's reports by `records.asb.refresh_cases`, never typed in: a case
    # involves a hate incident when any of its reports is one, and opens on the day its first
    # report was received (NM01 counts cases by that day).
    is_hate_incident = models.BooleanField(
        _("hate incident"),
        default=False,
        help_text=_("At least one of its reports is a hate incident."),
    )
    opened_on = models.DateField(_("opened"))
    closed_on = models.DateField(_("closed"), null=True, blank=True)

    class Meta:
        ordering = ["-opened_on"]
        # The list: the organisation's records in its order (the id breaks ties of a day).
        indexes = [models.Index(fields=["organisation", "opened_on", "id"], name="asb_case_list")]
        verbose_name = _("anti-social behaviour case")
        verbose_name_plural = _("anti-social behaviour cases")
        constraints = [
            _unique_reference("asb_case"),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=F("opened_on")),
                name="asb_closed_after_opened",
            ),
        ]


class AsbReport(Record):
    """One report of anti-social behaviour: who made it, when, how and about what.

    A case is the matter; its reports are each time someone told us about it. A report joins
    the open case of the same matter or opens a new one (`records.asb`), so NM01 counts cases,
    not reports.
    """

    class Channel(models.TextChoices):
        PHONE = "phone", _("Phone")
        EMAIL = "email", _("Email")
        IN_PERSON = "in_person", _("In person")
        LETTER = "letter", _("Letter")
        ONLINE = "online", _("Online, from the resident's account")
        OTHER = "other", _("Other or not known")

    # Empty only inside an import's transaction, until `records.asb` places the file's reports.
    case = models.ForeignKey(
        AsbCase, verbose_name=_("case"), on_delete=models.PROTECT, null=True,
        related_name="reports",
    )  # fmt: skip
    home = models.ForeignKey(
        Home, on_delete=models.PROTECT, null=True, blank=True, related_name="asb_reports"
    )
    estate = models.ForeignKey(
        Estate, on_delete=models.PROTECT, null=True, blank=True, related_name="asb_reports"
    )
    category = models.CharField(_("category"), max_length=12, choices=AsbCase.Category.choices)
    is_hate_incident = models.BooleanField(
        _("hate incident"),
        default=False,
        help_text=_(
            "Perceived by the victim or anyone else as motivated by hostility on grounds of "
            "disability, race, religion, sexual orientation or transgender identity."
        ),
    )
    received_on = models.DateField(_("received"))
    channel = models.CharField(
        _("how it was reported"), max_length=12, choices=Channel.choices, default=Channel.OTHER
    )
    reporter_name = models.CharField(
        _("reported by"), max_length=120, blank=True,
        help_text=_("The name the person gave, if they gave one."),
    )  # fmt: skip
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+", db_index=False,
    )  # fmt: skip
    description = models.TextField(_("what happened"), blank=True)

    class Meta:
        ordering = ["received_on", "pk"]
        verbose_name = _("anti-social behaviour report")
        verbose_name_plural = _("anti-social behaviour reports")
        constraints = [_unique_reference("asb_report")]
        indexes = [models.Index(fields=["reported_by", "organisation"])]

    def clean(self) -> None:
        if not (self.home_id or self.estate_id):
            raise ValidationError(_("A report is about a home or an estate."))


class SafetyKind(models.TextChoices):
    """The building-safety checks behind the regulator's BS01–BS05."""

    GAS = "gas", _("Gas safety")
    FIRE = "fire", _("Fire risk assessment")
    ASBESTOS = "asbestos", _("Asbestos")
    WATER = "water", _("Water safety (legionella)")
    LIFT = "lift", _("Lift safety")


class SafetyRequirementQuerySet(InForceQuerySet):
    starts_field = "required_from"
    ends_field = "required_until"


class SafetyRequirement(models.Model):
    """A home or block that needs a kind of check, and how often."""

    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, related_name="+")
    kind = models.CharField(_("check"), max_length=10, choices=SafetyKind.choices)
    home = models.ForeignKey(
        Home, on_delete=models.CASCADE, null=True, blank=True, related_name="safety_requirements"
    )
    block = models.ForeignKey(
        Block, on_delete=models.CASCADE, null=True, blank=True, related_name="safety_requirements"
    )
    interval_months = models.PositiveSmallIntegerField(_("every (months)"), default=12)
    required_from = models.DateField(_("required from"))
    required_until = models.DateField(_("required until"), null=True, blank=True)

    objects = SafetyRequirementQuerySet.as_manager()

    class Meta:
        verbose_name = _("safety check requirement")
        verbose_name_plural = _("safety check requirements")
        constraints = [
            models.CheckConstraint(
                condition=Q(home__isnull=False) | Q(block__isnull=False),
                name="requirement_has_a_place",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.home or self.block}"


class SafetyCheck(Record):
    class Outcome(models.TextChoices):
        PENDING = "", _("Not done yet")
        SATISFACTORY = "satisfactory", _("Satisfactory")
        REMEDIAL = "remedial", _("Remedial action needed")
        FAILED = "failed", _("Failed")
        NO_ACCESS = "no_access", _("No access")

    kind = models.CharField(_("check"), max_length=10, choices=SafetyKind.choices)
    home = models.ForeignKey(
        Home, on_delete=models.PROTECT, null=True, blank=True, related_name="safety_checks"
    )
    block = models.ForeignKey(
        Block, on_delete=models.PROTECT, null=True, blank=True, related_name="safety_checks"
    )
    due_on = models.DateField(_("due"))
    done_on = models.DateField(_("done"), null=True, blank=True)
    outcome = models.CharField(
        _("outcome"), max_length=12, choices=Outcome.choices, default="", blank=True
    )

    class Meta:
        ordering = ["due_on"]
        verbose_name = _("safety check")
        verbose_name_plural = _("safety checks")
        constraints = [
            _unique_reference("safety_check"),
            models.CheckConstraint(
                condition=Q(home__isnull=False) | Q(block__isnull=False), name="check_has_a_place"
            ),
        ]
        indexes = [
            models.Index(fields=["organisation", "kind", "due_on"]),
            # The list: the organisation's checks by due date, or in a period of them.
            models.Index(fields=["organisation", "due_on", "-id"], name="safety_check_list"),
            # Checks not carried out (`safety.not_done_q`), few among many: the list's "not done
            # yet" and "past due and not done" filters, and the overdue counts, read only them.
            models.Index(
                fields=["organisation", "due_on", "-id"],
                condition=Q(done_on__isnull=True) | Q(outcome="no_access"),
                name="safety_check_not_done",
            ),
        ]


class DecentHomesStatus(Record):
    """Whether a home meets the Decent Homes Standard, from a date until the next status."""

    home = models.ForeignKey(Home, on_delete=models.PROTECT, related_name="decent_homes_statuses")
    meets_standard = models.BooleanField(_("meets the Decent Homes Standard"))
    since = models.DateField(_("since"))

    class Meta:
        ordering = ["-since"]
        # The list: the organisation's records in its order (the id breaks ties of a day).
        indexes = [models.Index(fields=["organisation", "since", "id"], name="decent_homes_list")]
        verbose_name = _("Decent Homes status")
        verbose_name_plural = _("Decent Homes statuses")
        constraints = [
            _unique_reference("decent_homes"),
            models.UniqueConstraint(fields=["home", "since"], name="one_status_per_home_per_day"),
        ]


class EstateInspection(Record):
    class Inspector(models.TextChoices):
        STAFF = "staff", _("Staff")
        TENANT = "tenant", _("Tenant inspector")

    SCORES = ("cleanliness", "litter", "graffiti", "lighting")

    estate = models.ForeignKey(Estate, on_delete=models.PROTECT, related_name="inspections")
    block = models.ForeignKey(
        Block, on_delete=models.PROTECT, null=True, blank=True, related_name="inspections"
    )
    inspected_on = models.DateField(_("inspected"))
    place = models.CharField(_("place"), max_length=120, blank=True)
    inspector_name = models.CharField(_("inspected by"), max_length=120)
    inspector_kind = models.CharField(_("inspector"), max_length=8, choices=Inspector.choices)
    cleanliness = models.PositiveSmallIntegerField(
        _("cleanliness"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    litter = models.PositiveSmallIntegerField(
        _("free of litter"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    graffiti = models.PositiveSmallIntegerField(
        _("free of graffiti"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    lighting = models.PositiveSmallIntegerField(
        _("lighting"), validators=[MinValueValidator(1), MaxValueValidator(5)]
    )
    repairs_needed = models.TextField(_("repairs needed"), blank=True)
    photo = models.FileField(_("photo"), upload_to="inspections/%Y/%m/", blank=True)

    class Meta:
        ordering = ["-inspected_on"]
        # The list: the organisation's records in its order (the id breaks ties of a day).
        indexes = [
            models.Index(
                fields=["organisation", "inspected_on", "id"], name="estate_inspection_list"
            )
        ]
        verbose_name = _("estate inspection")
        verbose_name_plural = _("estate inspections")
        constraints = [_unique_reference("estate_inspection")]


# --- imports ---------------------------------------------------------------------------------
# Loading a landlord's export (see tenantry/records/imports/ and docs/imports.md).


class ImportKind(models.TextChoices):
    """What a file can hold; the value is what `tenantry import KIND` takes."""

    REPAIRS = "repairs", _("Repairs")
    VOIDS = "voids", _("Voids")
    RENT = "rent", _("Rent periods")
    COMPLAINTS = "complaints", _("Complaints")
    ASB = "asb", _("Anti-social behaviour reports")
    SAFETY_CHECKS = "safety-checks", _("Safety checks")
    DECENT_HOMES = "decent-homes", _("Decent Homes statuses")
    INSPECTIONS = "inspections", _("Estate inspections")
    HOMES = "homes", _("Homes")
    HOUSEHOLDS = "households", _("Households")


class ImportMapping(models.Model):
    """A source's own column headers for one kind of file, saved under a name to reuse."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind of file"), max_length=16, choices=ImportKind.choices)
    name = models.CharField(_("name"), max_length=60)
    columns = models.JSONField(_("columns"), default=dict, help_text="{our column: their header}")
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("saved column mapping")
        verbose_name_plural = _("saved column mappings")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "kind", "name"], name="import_mapping_name"
            )
        ]

    def __str__(self) -> str:
        return self.name


class ImportRun(models.Model):
    """One file loaded (or checked) into one organisation: progress, counts and bad rows."""

    class Status(models.TextChoices):
        MAPPING = "mapping", _("Waiting for its columns to be matched")
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Importing")
        DONE = "done", _("Done")
        REJECTED = "rejected", _("Not imported: the file has problems")
        FAILED = "failed", _("Failed")
        STOPPED = "stopped", _("Failed: stopped before it finished")

    FINISHED = (Status.DONE, Status.REJECTED, Status.FAILED, Status.STOPPED)

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind of file"), max_length=16, choices=ImportKind.choices)
    file = models.FileField(_("file"), upload_to="imports/%Y/%m/", blank=True)
    filename = models.CharField(_("file name"), max_length=255)
    headers = models.JSONField(_("the file's headers"), default=list, blank=True)
    columns = models.JSONField(_("column mapping"), default=dict, blank=True)
    dry_run = models.BooleanField(_("check only"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    language = models.CharField(max_length=12, default="en-gb")
    rows_total = models.PositiveIntegerField(_("rows (estimate)"), null=True, blank=True)
    rows_done = models.PositiveIntegerField(_("rows checked"), default=0)
    rows = models.PositiveIntegerField(_("rows read"), default=0)
    created = models.PositiveIntegerField(_("created"), default=0)
    updated = models.PositiveIntegerField(_("updated"), default=0)
    unchanged = models.PositiveIntegerField(_("unchanged"), default=0)
    error_count = models.PositiveIntegerField(_("problems"), default=0)
    errors = models.JSONField(_("problems"), default=list, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    # The running import's last sign of life (imports/heartbeat.py): a run whose worker died
    # stops giving one, and is then marked stopped.
    heartbeat_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("import")
        verbose_name_plural = _("imports")

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.filename}"

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED

    @property
    def more_problems(self) -> bool:
        """More problems were found than are listed (reading stops after the most listed)."""
        return self.error_count > len(self.errors)

    @property
    def percent_done(self) -> int:
        if self.is_finished:
            return 100
        if not self.rows_total:
            return 0
        return min(99, 100 * self.rows_done // self.rows_total)

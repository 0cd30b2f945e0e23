from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from tenantry.core.dated import InForceQuerySet
from tenantry.core.permissions import Role


class Region(models.TextChoices):
    """England's regions, as the regulator groups landlords."""

    EAST_MIDLANDS = "east_midlands", _("East Midlands")
    EAST = "east", _("East of England")
    LONDON = "london", _("London")
    NORTH_EAST = "north_east", _("North East")
    NORTH_WEST = "north_west", _("North West")
    SOUTH_EAST = "south_east", _("South East")
    SOUTH_WEST = "south_west", _("South West")
    WEST_MIDLANDS = "west_midlands", _("West Midlands")
    YORKSHIRE = "yorkshire", _("Yorkshire and the Humber")


class Organisation(models.Model):
    class Kind(models.TextChoices):
        COUNCIL = "council", _("Council landlord")
        HOUSING_ASSOCIATION = "housing_association", _("Housing association")
        TMC = "tmc", _("Tenant management co-operative")
        EMB = "emb", _("Estate management board")
        TMO = "tmo", _("Tenant management organisation")
        RMC = "rmc", _("Resident management company")
        COOP = "coop", _("Housing co-operative")
        CLT = "clt", _("Community land trust")
        SCRUTINY_PANEL = "scrutiny_panel", _("Tenant scrutiny panel")
        RESIDENTS_ASSOCIATION = "residents_association", _("Residents' association")
        # A national or regional federation of tenant-run organisations, or a training body:
        # it helps new groups towards tenant control and works across landlords.
        NETWORK = "network", _("Tenant network or federation")

    LANDLORD_KINDS = (Kind.COUNCIL, Kind.HOUSING_ASSOCIATION)
    MANAGING_KINDS = (Kind.TMC, Kind.EMB, Kind.TMO, Kind.RMC, Kind.COOP, Kind.CLT)
    # Organisations that work with no one landlord.
    WITHOUT_LANDLORD_KINDS = (*LANDLORD_KINDS, Kind.NETWORK)

    name = models.CharField(_("name"), max_length=200)
    slug = models.SlugField(_("short name for web addresses"), max_length=60, unique=True)
    kind = models.CharField(_("kind of organisation"), max_length=32, choices=Kind.choices)
    landlord = models.ForeignKey(
        "self",
        verbose_name=_("landlord"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organisations",
        limit_choices_to={"kind__in": LANDLORD_KINDS},
        help_text=_("The landlord whose homes this organisation manages or scrutinises."),
    )
    region = models.CharField(_("region"), max_length=20, choices=Region.choices, blank=True)
    registered_number = models.CharField(
        _("registered number"),
        max_length=40,
        blank=True,
        help_text=_("Co-operative, community benefit society or company number, if any."),
    )
    founded_on = models.DateField(_("founded on"), null=True, blank=True)
    email = models.EmailField(_("contact email"), blank=True)
    phone = models.CharField(_("contact phone"), max_length=40, blank=True)
    address = models.TextField(_("office address"), blank=True)
    about = models.TextField(_("about the organisation"), blank=True)
    # How soon staff look at a repair a resident reports online and give it a priority: the
    # organisation's own promise (no statute sets one), told to the resident as a date.
    repair_triage_working_days = models.PositiveSmallIntegerField(
        _("working days to look at a repair reported online"),
        default=1,
        validators=[MinValueValidator(1), MaxValueValidator(10)],
        help_text=_(
            "Residents who report a repair online are told the day staff will look at it and "
            "give it a priority. Emergencies are phoned in."
        ),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        constraints = [
            models.CheckConstraint(
                condition=~Q(landlord=F("pk")), name="organisation_not_own_landlord"
            )
        ]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("reports:organisation-home", args=[self.slug])

    @property
    def is_landlord(self) -> bool:
        return self.kind in self.LANDLORD_KINDS

    @property
    def is_network(self) -> bool:
        return self.kind == self.Kind.NETWORK

    def manages_homes(self) -> bool:
        """A landlord manages its stock, and a TMO, co-op or the like the homes its agreement
        covers; a scrutiny panel or a residents' association manages none: it has no estates,
        agreements or surveys of households of its own, and reads its landlord's figures."""
        return self.is_landlord or self.kind in self.MANAGING_KINDS

    def clean(self) -> None:
        if self.is_landlord and self.landlord_id:
            raise ValidationError(
                {"landlord": _("A landlord does not have a landlord of its own.")}
            )
        if self.is_network and self.landlord_id:
            raise ValidationError(
                {"landlord": _("A network works with many landlords: leave the landlord empty.")}
            )
        if self.kind not in self.WITHOUT_LANDLORD_KINDS and not self.landlord_id:
            raise ValidationError(
                {"landlord": _("Choose the landlord this organisation works with.")}
            )


class DelegatedService(models.TextChoices):
    """The services a landlord can delegate under a management agreement."""

    REPAIRS = "repairs", _("Repairs")
    CARETAKING = "caretaking", _("Caretaking and cleaning")
    RENT_COLLECTION = "rent_collection", _("Rent collection and arrears")
    VOIDS_LETTINGS = "voids_lettings", _("Voids and lettings")
    TENANCY_MANAGEMENT = "tenancy_management", _("Tenancy management")
    ASB = "asb", _("Anti-social behaviour")
    COMPLAINTS = "complaints", _("Complaints")
    GROUNDS = "grounds", _("Grounds maintenance")
    BUILDING_SAFETY = "building_safety", _("Building safety")


class ManagementAgreement(models.Model):
    """The contract under which a landlord delegates services to an organisation."""

    landlord = models.ForeignKey(
        Organisation,
        verbose_name=_("landlord"),
        on_delete=models.PROTECT,
        related_name="agreements_as_landlord",
        limit_choices_to={"kind__in": Organisation.LANDLORD_KINDS},
    )
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="agreements",
    )
    title = models.CharField(_("title"), max_length=200)
    services = models.JSONField(_("delegated services"), default=list, blank=True)
    management_allowance = models.DecimalField(
        _("management allowance per year (£)"),
        max_digits=12,
        decimal_places=2,
        validators=[MinValueValidator(Decimal(0))],
    )
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"), null=True, blank=True)
    notes = models.TextField(_("notes"), blank=True)
    # The agreed void definition, so a TMO and its council measure re-let times the same way
    # (the Guide: figures "vary because different beginning and end times are used").
    void_clock_starts = models.CharField(
        _("void time starts when"),
        max_length=16,
        choices=[
            ("tenancy_end", _("the tenancy ends")),
            ("keys_returned", _("the keys are returned")),
        ],
        default="tenancy_end",
    )
    void_clock_stops = models.CharField(
        _("void time stops when"),
        max_length=16,
        choices=[
            ("ready_to_let", _("the home is ready to let")),
            ("new_tenancy", _("a new tenancy starts")),
        ],
        default="new_tenancy",
    )
    void_excludes_major_works = models.BooleanField(
        _("leave out voids with major works"),
        default=True,
        help_text=_("The Best Value re-let indicator leaves out major-works voids."),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    objects = InForceQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "title"]
        verbose_name = _("management agreement")
        verbose_name_plural = _("management agreements")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="agreement_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=~Q(landlord=F("organisation")), name="agreement_between_two_parties"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("organisations:agreement", args=[self.organisation.slug, self.pk])

    def clean(self) -> None:
        unknown = set(self.services) - set(DelegatedService.values)
        if unknown:
            raise ValidationError(
                {"services": _("Unknown service: %s") % ", ".join(sorted(unknown))}
            )
        if self.ends_on and self.starts_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The agreement must end after it starts.")})

    def service_labels(self) -> list[str]:
        return [
            str(DelegatedService(s).label) for s in DelegatedService.values if s in self.services
        ]

    def is_current_on(self, day) -> bool:
        return self.starts_on <= day and (self.ends_on is None or day <= self.ends_on)


class RoleAssignment(models.Model):
    """A person holding one role in one organisation."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="role_assignments"
    )
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="role_assignments"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    since = models.DateField(_("since"), auto_now_add=True)

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "organisation", "role"], name="one_assignment_per_role"
            ),
            models.CheckConstraint(
                condition=~Q(role=Role.SITE_ADMIN),
                name="site_admin_is_not_assigned_per_organisation",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()} – {self.organisation}"


class AuditEntry(models.Model):
    """Who changed what, for changes to models that keep no django-simple-history: service
    records, imports, roles, surveys. Written only by `organisations.audit.record_change`."""

    class Action(models.TextChoices):
        CREATED = "created", pgettext_lazy("audit action", "created")
        CHANGED = "changed", pgettext_lazy("audit action", "changed")
        DELETED = "deleted", pgettext_lazy("audit action", "deleted")
        IMPORTED = "imported", pgettext_lazy("audit action", "imported")
        ROLE_GIVEN = "role_given", pgettext_lazy("audit action", "role given")
        ROLE_REMOVED = "role_removed", pgettext_lazy("audit action", "role removed")
        OPENED = "opened", pgettext_lazy("audit action", "opened")
        CLOSED = "closed", pgettext_lazy("audit action", "closed")
        INVITED = "invited", pgettext_lazy("audit action", "households invited")
        SENT = "sent", pgettext_lazy("audit action", "sent")

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="audit_entries"
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty when Tenantry itself made the change."),
    )
    at = models.DateTimeField(_("at"), auto_now_add=True)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    what = models.CharField(_("what"), max_length=300)
    detail = models.TextField(_("detail"), blank=True)

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit entries")
        indexes = [models.Index(fields=["organisation", "-at"], name="audit_by_organisation_at")]

    def __str__(self) -> str:
        return f"{self.what} – {self.get_action_display()}"


class PreparedFile(models.Model):
    """A file made in the background for the person who asked for it: letters to print, a large
    download. Its page follows the work and offers the file when it is ready
    (`organisations/prepared.py`)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to start")
        RUNNING = "running", _("Being prepared")
        DONE = "done", _("Ready")
        FAILED = "failed", _("Failed")

    FINISHED = (Status.DONE, Status.FAILED)

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked for by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    kind = models.CharField(_("kind of file"), max_length=40)
    title = models.CharField(_("title"), max_length=300)
    params = models.JSONField(_("what to prepare"), default=dict, blank=True)
    language = models.CharField(max_length=12, default="en-gb")
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED
    )
    done = models.PositiveIntegerField(_("done"), default=0)
    total = models.PositiveIntegerField(_("to do"), null=True, blank=True)
    file = models.FileField(_("file"), upload_to="prepared/%Y/%m/", blank=True)
    filename = models.CharField(_("file name"), max_length=255)
    error = models.TextField(_("what went wrong"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)
    # Written with every step of progress: a running file whose heartbeat stops was left by a
    # worker that died (`prepared.is_stale`).
    heartbeat_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("prepared file")
        verbose_name_plural = _("prepared files")
        indexes = [models.Index(fields=["created_at"], name="prepared_file_created")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_finished(self) -> bool:
        return self.status in self.FINISHED

    @property
    def percent_done(self) -> int:
        if self.status == self.Status.DONE:
            return 100
        if not self.total:
            return 0
        return min(99, 100 * self.done // self.total)

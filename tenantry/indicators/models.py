"""Indicators as data, their results per scope and period, targets, and landlord monitoring.

Definitions live in the database (loaded from `definitions.py`) so a regulator's change, or an
organisation's own local indicator, is a row rather than a release. A result keeps the inputs
it was computed from, so every figure can be explained ("34 of 40 emergency repairs on time").
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tenantry.core.figures import figure_text
from tenantry.core.periods import financial_year_of
from tenantry.homes.models import Estate
from tenantry.organisations.models import ManagementAgreement, Organisation

from .definitions import SHORT_NAMES


class Unit(models.TextChoices):
    PERCENT = "percent", _("%")
    PER_THOUSAND = "per_1000", _("per 1,000 homes")
    DAYS = "days", _("days")
    POUNDS = "pounds", _("£")
    SCORE = "score", _("score out of 5")
    NUMBER = "number", _("number")


class Framework(models.TextChoices):
    TSM = "tsm", _("Tenant Satisfaction Measures")
    BEST_VALUE = "best_value", _("Best Value")
    LOCAL = "local", _("Local")


class Source(models.TextChoices):
    RECORDS = "records", _("Computed from service records")
    INSPECTIONS = "inspections", _("Computed from estate inspections")
    SURVEY = "survey", _("From a survey")
    MANUAL = "manual", _("Entered by hand")


class StockType(models.TextChoices):
    """How the regulator splits a landlord's homes; "" is all of them together."""

    ALL = "", _("All homes")
    LOW_COST_RENTAL = "lcra", _("Low-cost rental")
    LOW_COST_HOME_OWNERSHIP = "lcho", _("Low-cost home ownership")


class Indicator(models.Model):
    """One measure: what it means, its unit, which way is better and where it comes from."""

    # Blank for the national definitions (TSM, Best Value); an organisation for its own.
    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, null=True, blank=True, related_name="indicators"
    )
    code = models.CharField(_("code"), max_length=20)
    name = models.CharField(_("name"), max_length=200)
    meaning = models.TextField(_("what it means"), blank=True)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    higher_is_better = models.BooleanField(_("higher is better"), default=True)
    framework = models.CharField(_("framework"), max_length=12, choices=Framework.choices)
    source = models.CharField(_("source"), max_length=12, choices=Source.choices)
    decimals = models.PositiveSmallIntegerField(_("decimal places"), default=1)
    # The calculator's name in calculators.CALCULATORS, for indicators computed from records.
    calculator = models.CharField(max_length=40, blank=True)
    # Settings a calculator reads: an inspection score, a survey question code, a choice made
    # where the published definition leaves a point open (see docs/indicators.md).
    config = models.JSONField(default=dict, blank=True)
    # Reported separately for low-cost rental and low-cost home ownership homes (TSM).
    split_by_stock = models.BooleanField(default=False)
    is_key = models.BooleanField(
        _("key indicator"), default=False, help_text=_("Shown on the landlord's portfolio page.")
    )
    order = models.PositiveSmallIntegerField(default=0)
    definition_source = models.TextField(_("where the definition comes from"), blank=True)
    # A local indicator the organisation no longer measures: hidden from its pages, its past
    # results kept. (One with no results is deleted instead.)
    retired_at = models.DateTimeField(_("retired"), null=True, blank=True)

    class Meta:
        ordering = ["framework", "order", "code"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        constraints = [
            models.UniqueConstraint(
                fields=["code"],
                condition=Q(organisation__isnull=True),
                name="national_indicator_code",
            ),
            models.UniqueConstraint(
                fields=["organisation", "code"], name="local_indicator_code_per_organisation"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.code} {self.name}"

    @property
    def is_percentage(self) -> bool:
        return self.unit == Unit.PERCENT

    @property
    def short_name(self) -> str:
        """A few words for a narrow column: the national list's short name, or the name an
        organisation gave its own indicator (untranslated, like `name`)."""
        return SHORT_NAMES.get(self.code, self.name) if self.organisation_id is None else self.name


class Scope(models.TextChoices):
    """Whose figure a result is."""

    ORGANISATION = "organisation", _("Organisation")
    ESTATE = "estate", _("Estate")
    LANDLORD_ALL = "landlord_all", _("Landlord's whole stock")
    LANDLORD_DIRECT = "landlord_direct", _("Landlord's directly managed homes")


class PeriodKind(models.TextChoices):
    YEAR = "year", _("Year")
    QUARTER = "quarter", _("Quarter")
    MONTH = "month", _("Month")


class Result(models.Model):
    """An indicator's figure for one scope and period, with the inputs behind it.

    `value` is None for an empty period (nothing to measure), never zero.
    """

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="results")
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+")
    scope = models.CharField(_("scope"), max_length=16, choices=Scope.choices)
    estate = models.ForeignKey(
        Estate, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    stock_type = models.CharField(
        _("stock type"), max_length=4, choices=StockType.choices, default="", blank=True
    )
    period_kind = models.CharField(max_length=8, choices=PeriodKind.choices)
    period_start = models.DateField()
    period_end = models.DateField()
    period_label = models.CharField(max_length=20)
    numerator = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    denominator = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    value = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    source = models.CharField(max_length=12, choices=Source.choices)
    computed_at = models.DateTimeField()
    # When the records behind a computed figure last changed, while it waits to be worked out
    # again (`indicators/recalculation.py`); None when the figure is up to date.
    stale_since = models.DateTimeField(null=True, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("note"), blank=True)

    history = HistoricalRecords(excluded_fields=["stale_since"])

    class Meta:
        ordering = ["indicator__framework", "indicator__order", "indicator__code", "period_start"]
        verbose_name = _("result")
        verbose_name_plural = _("results")
        constraints = [
            # Two constraints because NULL estates never clash in a plain unique index.
            models.UniqueConstraint(
                fields=[
                    "indicator",
                    "organisation",
                    "scope",
                    "stock_type",
                    "period_start",
                    "period_end",
                ],
                condition=Q(estate__isnull=True),
                name="one_result_per_scope_and_period",
            ),  # fmt: skip
            models.UniqueConstraint(
                fields=["indicator", "estate", "stock_type", "period_start", "period_end"],
                condition=Q(estate__isnull=False),
                name="one_estate_result_per_period",
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="result_period_in_order"
            ),
            models.CheckConstraint(
                condition=Q(scope="estate", estate__isnull=False)
                | (~Q(scope="estate") & Q(estate__isnull=True)),
                name="estate_result_names_its_estate",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "period_start"])]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.period_label}: {self.value}"


class Target(models.Model):
    """What an agreement aims for on one indicator in one financial year."""

    agreement = models.ForeignKey(
        ManagementAgreement, on_delete=models.CASCADE, related_name="targets"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets")
    year_start = models.DateField(_("year starting"), help_text=_("1 April of the year."))
    value = models.DecimalField(_("target"), max_digits=12, decimal_places=2)
    # How far short of the target is still amber rather than red, in the indicator's unit.
    tolerance = models.DecimalField(_("tolerance"), max_digits=12, decimal_places=2, default=0)
    note = models.TextField(_("note"), blank=True)
    set_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator__order", "year_start"]
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "indicator", "year_start"], name="one_target_per_year"
            ),
            models.CheckConstraint(condition=Q(tolerance__gte=0), name="tolerance_not_negative"),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year_start:%Y}: {self.value}"

    def clean(self) -> None:
        if self.year_start and (self.year_start.month, self.year_start.day) != (4, 1):
            raise ValidationError({"year_start": _("A financial year starts on 1 April.")})


class TargetProposal(models.Model):
    """A change to a target the agreement says is agreed with the landlord: one side proposes,
    the other agrees or declines, and only an agreed change becomes the target in force."""

    class Side(models.TextChoices):
        ORGANISATION = "organisation", _("the organisation")
        LANDLORD = "landlord", _("the landlord")

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for agreement")
        AGREED = "agreed", _("Agreed")
        DECLINED = "declined", _("Declined")

    agreement = models.ForeignKey(
        ManagementAgreement, on_delete=models.CASCADE, related_name="target_proposals"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    year_start = models.DateField(_("year starting"))
    # The target in force when the change was proposed (none: no target yet).
    old_value = models.DecimalField(
        _("target before"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    old_tolerance = models.DecimalField(
        _("tolerance before"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    value = models.DecimalField(_("proposed target"), max_digits=12, decimal_places=2)
    tolerance = models.DecimalField(
        _("proposed tolerance"), max_digits=12, decimal_places=2, default=0
    )
    reason = models.TextField(_("why the change"))
    side = models.CharField(_("proposed by"), max_length=12, choices=Side.choices)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    proposed_at = models.DateTimeField(_("proposed"))
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["-proposed_at", "-pk"]
        verbose_name = _("target change")
        verbose_name_plural = _("target changes")
        constraints = [
            # One open proposal per target: a second waits until the first is decided, so the
            # other side never agrees to one change and finds another in force.
            models.UniqueConstraint(
                fields=["agreement", "indicator", "year_start"],
                condition=Q(status="pending"),
                name="one_open_proposal_per_target",
            ),
            models.CheckConstraint(
                condition=Q(status="pending") | Q(decided_at__isnull=False),
                name="decided_proposal_has_a_time",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year_start:%Y}: {self.old_value} → {self.value}"

    @property
    def year_label(self) -> str:
        return financial_year_of(self.year_start).label

    @property
    def old_text(self) -> str:
        """The target in force when proposed, as a figure is written ("75%"), or "no target"."""
        if self.old_value is None:
            return str(_("no target"))
        return figure_text(self.old_value, self.indicator.unit, places=self.indicator.decimals)

    @property
    def new_text(self) -> str:
        return figure_text(self.value, self.indicator.unit, places=self.indicator.decimals)

    @property
    def deciding_side(self) -> str:
        """Who agrees or declines: the side that did not propose."""
        if self.side == self.Side.ORGANISATION:
            return self.Side.LANDLORD
        return self.Side.ORGANISATION


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Monthly")
    QUARTERLY = "quarterly", _("Quarterly")
    YEARLY = "yearly", _("Yearly")


class MonitoringItem(models.Model):
    """One line of an agreement's monitoring schedule: which indicator, how often, what form."""

    class Form(models.TextChoices):
        FIGURES = "figures", _("Figures")
        COMMENTARY = "commentary", _("Figures with a commentary")
        REPORT = "report", _("Written report")

    agreement = models.ForeignKey(
        ManagementAgreement, on_delete=models.CASCADE, related_name="monitoring_items"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    frequency = models.CharField(_("how often"), max_length=10, choices=Frequency.choices)
    form = models.CharField(
        _("in what form"), max_length=12, choices=Form.choices, default=Form.FIGURES
    )
    # Falling this far beyond the target's tolerance prompts the landlord to consider the
    # intervention ladder; blank leaves it to the landlord's judgement.
    intervention_threshold = models.DecimalField(
        _("intervention threshold"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    # How long after a period ends the organisation has to send its figures; a submission
    # holding several items is due by the earliest of their deadlines.
    days_to_submit = models.PositiveSmallIntegerField(
        _("days allowed to send figures"),
        default=30,
        help_text=_("Counted in calendar days from the end of the period."),
    )

    # The schedule says this indicator's targets are agreed with the landlord: a change by either
    # side is a proposal the other agrees (`services/targets.py`); otherwise either sets it.
    targets_agreed = models.BooleanField(
        _("targets agreed with the landlord"),
        default=False,
        help_text=_(
            "A change to the target by either side takes effect only when the other agrees."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["indicator__framework", "indicator__order"]
        verbose_name = _("monitoring schedule item")
        verbose_name_plural = _("monitoring schedule")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "indicator"], name="indicator_monitored_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} ({self.get_frequency_display()})"


class Submission(models.Model):
    """An organisation's figures for one period, sent to its landlord to accept or query."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Being checked")
        SUBMITTED = "submitted", _("Sent to the landlord")
        ACCEPTED = "accepted", _("Accepted")
        QUERIED = "queried", _("Queried by the landlord")

    agreement = models.ForeignKey(
        ManagementAgreement, on_delete=models.CASCADE, related_name="submissions"
    )
    period_kind = models.CharField(max_length=8, choices=PeriodKind.choices)
    period_start = models.DateField()
    period_end = models.DateField()
    period_label = models.CharField(max_length=20)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    # The figures as sent: [{"code", "name", "value", "numerator", "denominator", "unit"}],
    # so what was accepted stays on record even if the records are corrected later.
    figures = models.JSONField(default=list, blank=True)
    commentary = models.TextField(_("commentary"), blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-period_start"]
        verbose_name = _("submission")
        verbose_name_plural = _("submissions")
        constraints = [
            models.UniqueConstraint(
                fields=["agreement", "period_start", "period_end"],
                name="one_submission_per_period",
            )
        ]

    def __str__(self) -> str:
        return f"{self.agreement} {self.period_label}"


class SubmissionEvent(models.Model):
    """A step in a submission's history: sent, accepted or queried, by whom, with a comment."""

    class Action(models.TextChoices):
        SUBMITTED = "submitted", _("Sent")
        ACCEPTED = "accepted", _("Accepted")
        QUERIED = "queried", _("Queried")
        COMMENTED = "commented", _("Commented")

    submission = models.ForeignKey(Submission, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=10, choices=Action.choices)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(auto_now_add=True)
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_action_display()} {self.at:%Y-%m-%d}"


class Intervention(models.Model):
    """A rung of the landlord's intervention ladder, under the management agreement."""

    class Level(models.TextChoices):
        DISCUSSION = "discussion", _("Discussion")
        IMPROVEMENT_NOTICE = "improvement_notice", _("Improvement notice")
        FORMAL = "formal", _("Formal intervention under the agreement")

    agreement = models.ForeignKey(
        ManagementAgreement, on_delete=models.CASCADE, related_name="interventions"
    )
    level = models.CharField(_("step"), max_length=20, choices=Level.choices)
    started_on = models.DateField(_("started"))
    reason = models.TextField(_("why"))
    indicators = models.ManyToManyField(
        Indicator, blank=True, related_name="+", verbose_name=_("indicators concerned")
    )
    review_on = models.DateField(_("review by"), null=True, blank=True)
    ended_on = models.DateField(_("ended"), null=True, blank=True)
    outcome = models.TextField(_("outcome"), blank=True)
    # The organisation's side, written by its committee.
    response = models.TextField(_("the organisation's response"), blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        ordering = ["-started_on"]
        verbose_name = _("intervention")
        verbose_name_plural = _("interventions")
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="intervention_ends_after_it_starts",
            )
        ]

    def __str__(self) -> str:
        return f"{self.get_level_display()} ({self.started_on})"


# --- external peer data -----------------------------------------------------------------------
# The Regulator of Social Housing's published per-landlord TSM results, loaded as published.


class PeerLandlord(models.Model):
    """A landlord in one year's published TSM data."""

    year_label = models.CharField(_("year"), max_length=7)  # "2024/25"
    code = models.CharField(_("regulator's code"), max_length=20)
    name = models.CharField(_("name"), max_length=200)
    landlord_type = models.CharField(_("type"), max_length=20)  # PRP, LA, LARP as published
    size_band = models.CharField(_("size"), max_length=60, blank=True)
    region = models.CharField(_("region"), max_length=60, blank=True)
    homes = models.PositiveIntegerField(_("homes"), null=True, blank=True)
    notes = models.TextField(blank=True)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["year_label", "code"], name="peer_once_per_year")
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.year_label})"


class PeerValue(models.Model):
    """One published figure; `marker` keeps the regulator's [X] [Z] [U] [E] [S] when no value."""

    landlord = models.ForeignKey(PeerLandlord, on_delete=models.CASCADE, related_name="values")
    code = models.CharField(max_length=20)  # our indicator code: "TP01", "CH01-1"
    stock_type = models.CharField(max_length=8)  # lcra, lcho, combined, or "" where not split
    value = models.DecimalField(max_digits=14, decimal_places=4, null=True, blank=True)
    numerator = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    denominator = models.DecimalField(max_digits=14, decimal_places=2, null=True, blank=True)
    marker = models.CharField(max_length=3, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["landlord", "code", "stock_type"], name="peer_value_once"
            )
        ]
        indexes = [models.Index(fields=["code", "stock_type"])]

    def __str__(self) -> str:
        shown = self.marker if self.value is None else self.value
        return f"{self.code} {self.stock_type}: {shown}"


# --- benchmarking ------------------------------------------------------------------------------


class BenchmarkNote(models.Model):
    """Why an organisation's figure differs from its comparators, in its own words, for one
    indicator and year ("our homes are older", "we count a no-access gas visit as a fail")."""

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="benchmark_notes"
    )
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="+")
    year_start = models.DateField(_("year starting"), help_text=_("1 April of the year."))
    text = models.TextField(_("why are they different?"), max_length=2000)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("benchmark note")
        verbose_name_plural = _("benchmark notes")
        constraints = [
            models.UniqueConstraint(
                fields=["organisation", "indicator", "year_start"],
                name="one_benchmark_note_per_year",
            )
        ]

    def __str__(self) -> str:
        return f"{self.indicator.code} {self.year_start:%Y}: {self.text[:40]}"

    def clean(self) -> None:
        if self.year_start and (self.year_start.month, self.year_start.day) != (4, 1):
            raise ValidationError({"year_start": _("A financial year starts on 1 April.")})

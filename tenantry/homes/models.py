from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from tenantry.core.dated import InForceQuerySet
from tenantry.organisations.models import ManagementAgreement, Organisation


class Estate(models.Model):
    landlord = models.ForeignKey(
        Organisation,
        verbose_name=_("landlord"),
        on_delete=models.PROTECT,
        related_name="estates",
        limit_choices_to={"kind__in": Organisation.LANDLORD_KINDS},
    )
    name = models.CharField(_("name"), max_length=120)
    reference = models.CharField(_("landlord's reference"), max_length=40)
    area = models.CharField(_("area or ward"), max_length=120, blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("estate")
        verbose_name_plural = _("estates")
        constraints = [
            models.UniqueConstraint(
                fields=["landlord", "reference"], name="estate_reference_unique"
            )
        ]

    def __str__(self) -> str:
        return self.name


class Block(models.Model):
    estate = models.ForeignKey(Estate, on_delete=models.CASCADE, related_name="blocks")
    name = models.CharField(_("name"), max_length=120)
    reference = models.CharField(_("landlord's reference"), max_length=40)
    storeys = models.PositiveSmallIntegerField(_("storeys"), validators=[MinValueValidator(1)])
    has_lift = models.BooleanField(_("has a passenger lift"), default=False)
    has_communal_areas = models.BooleanField(_("has communal areas"), default=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("block")
        verbose_name_plural = _("blocks")
        constraints = [
            models.UniqueConstraint(fields=["estate", "reference"], name="block_reference_unique")
        ]

    def __str__(self) -> str:
        return self.name


class HomeType(models.TextChoices):
    HOUSE = "house", _("House")
    FLAT = "flat", _("Flat")
    MAISONETTE = "maisonette", _("Maisonette")
    BUNGALOW = "bungalow", _("Bungalow")
    BEDSIT = "bedsit", _("Bedsit")


class Tenure(models.TextChoices):
    SECURE = "secure", _("Secure tenancy")
    INTRODUCTORY = "introductory", _("Introductory tenancy")
    ASSURED = "assured", _("Assured tenancy")
    SHARED_OWNERSHIP = "shared_ownership", _("Shared ownership")
    LEASEHOLD = "leasehold", _("Leasehold")


class StockType(models.TextChoices):
    """The regulator's stock types: TSMs are reported separately for LCRA and LCHO homes."""

    LOW_COST_RENTAL = "lcra", _("Low-cost rental")
    LOW_COST_HOME_OWNERSHIP = "lcho", _("Low-cost home ownership")
    OTHER = "other", _("Other")


# The regulator's classes for each tenure: leaseholders who bought outright under Right to Buy
# are not social housing stock, shared owners are low-cost home ownership.
STOCK_TYPE_OF_TENURE = {
    Tenure.SECURE: StockType.LOW_COST_RENTAL,
    Tenure.INTRODUCTORY: StockType.LOW_COST_RENTAL,
    Tenure.ASSURED: StockType.LOW_COST_RENTAL,
    Tenure.SHARED_OWNERSHIP: StockType.LOW_COST_HOME_OWNERSHIP,
    Tenure.LEASEHOLD: StockType.OTHER,
}

# The regulator's "relevant stock" for the Tenant Satisfaction Measures: low-cost rental and
# low-cost home ownership homes. Leaseholders' homes (and any other stock) are left out.
RELEVANT_STOCK = (StockType.LOW_COST_RENTAL, StockType.LOW_COST_HOME_OWNERSHIP)


def in_relevant_stock(home: str = "", stock_type: str = "") -> Q:
    """The one rule for which homes, and which records about homes, a TSM counts.

    With no `home`, a filter on homes: those of the relevant stock (or of `stock_type` only).
    With `home`, the path from a record to its home ("home", "household__home"): records on a
    home of that stock. A record with no home (an ASB case or complaint about the estate, a
    communal repair) is the landlord's own work on its estate, not a leaseholder's, so it counts
    in the combined figure; a split figure (`stock_type`) counts only records on its homes.
    """
    if not home:
        if stock_type:
            return Q(stock_type=stock_type)
        return Q(stock_type__in=RELEVANT_STOCK)
    if stock_type:
        return Q(**{f"{home}__stock_type": stock_type})
    return Q(**{f"{home}__isnull": True}) | Q(**{f"{home}__stock_type__in": RELEVANT_STOCK})


class Home(models.Model):
    landlord = models.ForeignKey(
        Organisation,
        verbose_name=_("landlord"),
        on_delete=models.PROTECT,
        related_name="homes",
        limit_choices_to={"kind__in": Organisation.LANDLORD_KINDS},
    )
    estate = models.ForeignKey(Estate, on_delete=models.PROTECT, related_name="homes")
    block = models.ForeignKey(
        Block, on_delete=models.PROTECT, related_name="homes", null=True, blank=True
    )
    reference = models.CharField(_("landlord's property reference"), max_length=40)
    address = models.CharField(_("address"), max_length=200)
    postcode = models.CharField(_("postcode"), max_length=10)
    home_type = models.CharField(_("type"), max_length=20, choices=HomeType.choices)
    bedrooms = models.PositiveSmallIntegerField(
        _("bedrooms"), validators=[MaxValueValidator(12)], help_text=_("0 for a bedsit")
    )
    tenure = models.CharField(_("tenure"), max_length=20, choices=Tenure.choices)
    stock_type = models.CharField(_("stock type"), max_length=8, choices=StockType.choices)

    history = HistoricalRecords()

    class Meta:
        ordering = ["estate__name", "reference"]
        verbose_name = _("home")
        verbose_name_plural = _("homes")
        constraints = [
            models.UniqueConstraint(fields=["landlord", "reference"], name="home_reference_unique")
        ]
        indexes = [models.Index(fields=["estate", "stock_type"])]

    def __str__(self) -> str:
        """How a home is named on every page, list and download: its address with its postcode,
        and the landlord's property reference that staff and contractors quote."""
        named = self.postal_address
        return f"{named} ({self.reference})" if self.reference else named

    @property
    def postal_address(self) -> str:
        """The address as its residents write it, for what is sent to them."""
        return f"{self.address}, {self.postcode}" if self.postcode else self.address

    def clean(self) -> None:
        if self.block_id and self.estate_id and self.block.estate_id != self.estate_id:
            raise ValidationError({"block": _("That block is on a different estate.")})
        if self.estate_id and self.landlord_id and self.estate.landlord_id != self.landlord_id:
            raise ValidationError({"estate": _("That estate belongs to a different landlord.")})


class Coverage(models.Model):
    """A home managed under an agreement for a span of days (homes can join or leave mid-year)."""

    agreement = models.ForeignKey(
        ManagementAgreement, on_delete=models.CASCADE, related_name="coverage"
    )
    home = models.ForeignKey(Home, on_delete=models.CASCADE, related_name="coverage")
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)

    objects = InForceQuerySet.as_manager()

    class Meta:
        verbose_name = _("home covered by an agreement")
        verbose_name_plural = _("homes covered by agreements")
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="coverage_ends_after_it_starts",
            ),
            models.UniqueConstraint(
                fields=["agreement", "home", "starts_on"], name="coverage_once_per_start"
            ),
        ]
        indexes = [models.Index(fields=["home", "starts_on"])]

    def __str__(self) -> str:
        return f"{self.home} ({self.starts_on} – {self.ends_on or '…'})"


def living_q(on, prefix: str = "") -> Q:
    """Tenancies running on the day, as a filter on households (or through `prefix`, like
    "household__"). Unlike an agreement, a tenancy is over on the day it ends: the household
    has moved out, and the home is empty (a void) from then."""
    return (Q(**{f"{prefix}ended_on__isnull": True}) | Q(**{f"{prefix}ended_on__gt": on})) & Q(
        **{f"{prefix}started_on__lte": on}
    )


class HouseholdQuerySet(models.QuerySet):
    def living_on(self, on):
        """Tenancies running on the day (`living_q`)."""
        return self.filter(living_q(on))


class Household(models.Model):
    """One tenancy or lease of one home, from its start to its end."""

    home = models.ForeignKey(Home, on_delete=models.PROTECT, related_name="households")
    reference = models.CharField(_("tenancy or account reference"), max_length=40)
    started_on = models.DateField(_("tenancy started"))
    ended_on = models.DateField(_("tenancy ended"), null=True, blank=True)

    objects = HouseholdQuerySet.as_manager()

    class Meta:
        ordering = ["-started_on"]
        verbose_name = _("household")
        verbose_name_plural = _("households")
        constraints = [
            models.UniqueConstraint(
                fields=["home", "reference"], name="household_reference_unique"
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=F("started_on")),
                name="household_ends_after_it_starts",
            ),
        ]

    def __str__(self) -> str:
        return self.reference


class Resident(models.Model):
    household = models.ForeignKey(Household, on_delete=models.CASCADE, related_name="residents")
    user = models.OneToOneField(
        "core.User", on_delete=models.SET_NULL, null=True, blank=True, related_name="resident"
    )
    name = models.CharField(_("name"), max_length=150)
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    is_lead_tenant = models.BooleanField(_("named on the tenancy"), default=False)
    language = models.CharField(
        _("preferred language"),
        max_length=12,
        default="en",
        help_text=_("Language code, e.g. en, pl, bn"),
    )
    needs_large_print = models.BooleanField(_("large print"), default=False)
    needs_braille = models.BooleanField(_("Braille"), default=False)
    needs_audio = models.BooleanField(_("audio"), default=False)
    needs_easy_read = models.BooleanField(_("easy read"), default=False)
    needs_interpreter = models.BooleanField(_("interpreter"), default=False)
    needs_bsl = models.BooleanField(_("British Sign Language"), default=False)

    NEED_FIELDS = (
        "needs_large_print",
        "needs_braille",
        "needs_audio",
        "needs_easy_read",
        "needs_interpreter",
        "needs_bsl",
    )

    class Meta:
        ordering = ["-is_lead_tenant", "name"]
        verbose_name = _("resident")
        verbose_name_plural = _("residents")

    def __str__(self) -> str:
        return self.name

    def communication_needs(self) -> list[str]:
        return [
            str(self._meta.get_field(f).verbose_name) for f in self.NEED_FIELDS if getattr(self, f)
        ]


class EqualityProfile(models.Model):
    """Held only with the resident's recorded consent; withdrawing consent deletes it."""

    class AgeBand(models.TextChoices):
        UNDER_25 = "16-24", "16–24"
        FROM_25 = "25-34", "25–34"
        FROM_35 = "35-44", "35–44"
        FROM_45 = "45-54", "45–54"
        FROM_55 = "55-64", "55–64"
        FROM_65 = "65-74", "65–74"
        FROM_75 = "75+", "75+"
        NOT_SAID = "not_said", _("Prefer not to say")

    class Disability(models.TextChoices):
        YES = "yes", _("Yes")
        NO = "no", _("No")
        NOT_SAID = "not_said", _("Prefer not to say")

    class Ethnicity(models.TextChoices):
        """The high-level ethnic groups of the 2021 Census in England and Wales."""

        ASIAN = "asian", _("Asian, Asian British or Asian Welsh")
        BLACK = "black", _("Black, Black British, Black Welsh, Caribbean or African")
        MIXED = "mixed", _("Mixed or multiple ethnic groups")
        WHITE = "white", _("White")
        OTHER = "other", _("Other ethnic group")
        NOT_SAID = "not_said", _("Prefer not to say")

    class Gender(models.TextChoices):
        WOMAN = "woman", _("Woman")
        MAN = "man", _("Man")
        OTHER = "other", _("In another way")
        NOT_SAID = "not_said", _("Prefer not to say")

    resident = models.OneToOneField(Resident, on_delete=models.CASCADE, related_name="equality")
    consented_on = models.DateField(_("consent given on"))
    age_band = models.CharField(_("age"), max_length=10, choices=AgeBand.choices)
    disability = models.CharField(_("disability"), max_length=10, choices=Disability.choices)
    ethnicity = models.CharField(_("ethnic group"), max_length=10, choices=Ethnicity.choices)
    gender = models.CharField(_("gender"), max_length=10, choices=Gender.choices)

    class Meta:
        verbose_name = _("equality profile")
        verbose_name_plural = _("equality profiles")

    def __str__(self) -> str:
        return str(self.resident)


class StockCount(models.Model):
    """An organisation's stock counted for its overview (`homes/stock.py`): stored because
    counting a large landlord's homes on every view is slow, worked out again when homes or
    what agreements cover change, and each day."""

    organisation = models.OneToOneField(
        Organisation, on_delete=models.CASCADE, related_name="stock_count"
    )
    figures = models.JSONField(default=dict)
    counted_on = models.DateField(help_text="the day the homes managed were counted for")
    counted_at = models.DateTimeField()
    stale_since = models.DateTimeField(
        null=True, blank=True, help_text="set when a change makes the counts out of date"
    )

    def __str__(self) -> str:
        return f"{self.organisation} counted at {self.counted_at:%Y-%m-%d %H:%M}"

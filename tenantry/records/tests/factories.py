"""Minimal valid service records. A test sets explicitly every value it asserts on.

Each record belongs to a tenant management organisation (`organisation`) and, where it needs a
place, to a home of that organisation's landlord. Pass `organisation=cast.tmo, home=cast.home`
to put a record in the shared cast.
"""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import factory

from tenantry.homes.tests.factories import EstateFactory, HomeFactory, HouseholdFactory
from tenantry.organisations.tests.factories import LandlordFactory, OrganisationFactory
from tenantry.records.models import (
    AsbCase,
    AsbReport,
    Complaint,
    DecentHomesStatus,
    EstateInspection,
    RentPeriod,
    Repair,
    RepairPriority,
    SafetyCheck,
    SafetyKind,
    SafetyRequirement,
    Void,
)

LONDON = ZoneInfo("Europe/London")


def _landlord_of(organisation):
    """The landlord whose homes an organisation's records are about (a landlord's are its own)."""
    return organisation.landlord if organisation.landlord_id else organisation


def _home_of(record):
    return HomeFactory(estate__landlord=_landlord_of(record.organisation))


class RepairPriorityFactory(factory.django.DjangoModelFactory):
    """An urgent priority: 5 working days, not an emergency."""

    class Meta:
        model = RepairPriority
        django_get_or_create = ("landlord", "code")

    landlord = factory.SubFactory(LandlordFactory)
    code = "U"
    name = "Urgent"
    target_amount = 5
    target_unit = RepairPriority.Unit.WORKING_DAYS
    is_emergency = False


class _RecordFactory(factory.django.DjangoModelFactory):
    organisation = factory.SubFactory(OrganisationFactory)

    class Meta:
        abstract = True


class RepairFactory(_RecordFactory):
    """An open responsive repair to a home, reported on Friday 19 December 2025 at 10:00."""

    class Meta:
        model = Repair

    reference = factory.Sequence(lambda n: f"R{n:06d}")
    home = factory.LazyAttribute(_home_of)
    priority = factory.LazyAttribute(
        lambda o: RepairPriorityFactory(landlord=_landlord_of(o.organisation))
    )
    reported_at = datetime(2025, 12, 19, 10, 0, tzinfo=LONDON)


class VoidFactory(_RecordFactory):
    class Meta:
        model = Void

    reference = factory.Sequence(lambda n: f"V{n:06d}")
    home = factory.LazyAttribute(_home_of)
    reason = Void.Reason.MOVED_OUT
    tenancy_ended_on = date(2025, 11, 3)


class RentPeriodFactory(_RecordFactory):
    """A fortnight's rent, paid in full, with nothing owed."""

    class Meta:
        model = RentPeriod

    reference = factory.Sequence(lambda n: f"RA{n:06d}")
    household = factory.LazyAttribute(
        lambda o: HouseholdFactory(home__estate__landlord=_landlord_of(o.organisation))
    )
    starts_on = date(2025, 10, 6)
    ends_on = date(2025, 10, 19)
    arrears_brought_forward = Decimal("0.00")
    rent_due = Decimal("210.00")
    collected = Decimal("210.00")
    written_off = Decimal("0.00")
    arrears_carried_forward = Decimal("0.00")


class ComplaintFactory(_RecordFactory):
    """A stage 1 complaint received on Monday 1 December 2025, not yet acknowledged."""

    class Meta:
        model = Complaint

    reference = factory.Sequence(lambda n: f"C{n:06d}")
    category = Complaint.Category.REPAIRS
    received_on = date(2025, 12, 1)


class AsbCaseFactory(_RecordFactory):
    class Meta:
        model = AsbCase

    reference = factory.Sequence(lambda n: f"ASB{n:06d}")
    estate = factory.LazyAttribute(lambda o: EstateFactory(landlord=_landlord_of(o.organisation)))
    category = AsbCase.Category.NOISE
    opened_on = date(2025, 9, 15)


class AsbReportFactory(_RecordFactory):
    """A report of noise received on 15 September 2025, in a case of its own (opened by it)
    unless `case` is given. Tests that exercise the rule go through `records.asb_services`."""

    class Meta:
        model = AsbReport

    reference = factory.Sequence(lambda n: f"AR{n:06d}")
    estate = factory.LazyAttribute(lambda o: EstateFactory(landlord=_landlord_of(o.organisation)))
    category = AsbCase.Category.NOISE
    received_on = date(2025, 9, 15)
    home = None
    is_hate_incident = False
    case = factory.LazyAttribute(
        lambda o: AsbCaseFactory(
            organisation=o.organisation,
            home=o.home,
            estate=o.estate,
            category=o.category,
            is_hate_incident=o.is_hate_incident,
            opened_on=o.received_on,
        )
    )


class SafetyRequirementFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SafetyRequirement

    organisation = factory.SubFactory(OrganisationFactory)
    kind = SafetyKind.GAS
    home = factory.LazyAttribute(_home_of)
    interval_months = 12
    required_from = date(2020, 4, 1)


class SafetyCheckFactory(_RecordFactory):
    """A gas safety check due on 31 January 2026, not done yet."""

    class Meta:
        model = SafetyCheck

    reference = factory.Sequence(lambda n: f"SC{n:06d}")
    kind = SafetyKind.GAS
    home = factory.LazyAttribute(_home_of)
    due_on = date(2026, 1, 31)


class DecentHomesStatusFactory(_RecordFactory):
    class Meta:
        model = DecentHomesStatus

    reference = factory.Sequence(lambda n: f"DH{n:06d}")
    home = factory.LazyAttribute(_home_of)
    meets_standard = True
    since = date(2025, 4, 1)


class EstateInspectionFactory(_RecordFactory):
    class Meta:
        model = EstateInspection

    reference = factory.Sequence(lambda n: f"EI{n:06d}")
    estate = factory.LazyAttribute(lambda o: EstateFactory(landlord=_landlord_of(o.organisation)))
    inspected_on = date(2025, 10, 14)
    inspector_name = "Pat Inspector"
    inspector_kind = EstateInspection.Inspector.STAFF
    cleanliness = 4
    litter = 4
    graffiti = 5
    lighting = 3

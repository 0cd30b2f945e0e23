"""The kinds of service record have one registry, `tenantry.records.kinds.KINDS`; the staff
pages, the imports, who keeps which records and the lists behind a figure all read it."""

from datetime import date
from decimal import Decimal

import pytest

from tenantry.indicators import performance
from tenantry.records.imports.specs import SPECS
from tenantry.records.kinds import KINDS, kind_of, record_details
from tenantry.records.models import AsbCase, AsbReport
from tenantry.records.selectors.keeping import record_kinds_kept_by
from tenantry.records.tests.factories import RentPeriodFactory, RepairFactory, VoidFactory
from tenantry.records.views import staff


def test_the_staff_pages_list_every_kind_by_the_registry():
    assert list(staff.KINDS) == list(KINDS)
    for slug, kind in staff.KINDS.items():
        assert kind.record is KINDS[slug]


def test_each_kind_is_imported_by_the_spec_of_its_name_for_the_same_model():
    # An ASB file holds reports, one a row; records.asb puts each in its case (the kind's
    # records), so NM01 counts cases.
    imported_as = {AsbCase: AsbReport}
    for kind in KINDS.values():
        assert SPECS[kind.import_kind].model is imported_as.get(kind.model, kind.model)


def test_the_indicator_pages_link_and_load_records_by_the_registry():
    assert {kind.model: slug for slug, kind in KINDS.items()} == performance.RECORD_KINDS
    assert performance.record_details is record_details


@pytest.mark.django_db
def test_a_landlord_keeps_every_kind_and_a_tmo_those_its_agreement_delegates(cast):
    assert record_kinds_kept_by(organisation=cast.landlord) == frozenset(KINDS)
    cast.agreement.services = ["repairs", "caretaking"]
    cast.agreement.save()
    kept = record_kinds_kept_by(organisation=cast.tmo)
    assert kept == {"repairs", "decent-homes", "inspections"}


@pytest.mark.django_db
def test_a_record_is_described_by_its_kind(cast, settings):
    settings.LANGUAGE_CODE = "en-gb"
    void = VoidFactory(organisation=cast.tmo, home=cast.home, tenancy_ended_on=date(2025, 11, 3))
    assert kind_of(void) is KINDS["voids"]
    assert record_details(void) == "tenancy ended 3 Nov 2025 · not let"

    repair = RepairFactory(organisation=cast.tmo, home=cast.home)
    # Reported Fri 19 Dec 2025 10:00; its target is the end of Tue 30 Dec.
    assert record_details(repair) == (
        f"{repair.priority.name} · reported 19 Dec 2025 10:00 · target 30 Dec 2025 23:59 · "
        "not completed"
    )

    household = cast.home.households.create(reference="T1", started_on=date(2015, 1, 1))
    rent = RentPeriodFactory(
        organisation=cast.tmo, household=household, starts_on=date(2026, 3, 16),
        ends_on=date(2026, 3, 29), rent_due=Decimal("1210.00"), collected=Decimal("189.00"),
        arrears_carried_forward=Decimal("1021.00"),
    )  # fmt: skip
    assert record_details(rent) == ("16 Mar 2026 to 29 Mar 2026 · due £1,210.00, collected £189.00")

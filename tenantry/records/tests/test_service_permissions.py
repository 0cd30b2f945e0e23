"""Record services check permission themselves, whoever calls them."""

import pytest
from django.core.exceptions import PermissionDenied

from tenantry.homes.tests.factories import HomeFactory
from tenantry.records import services
from tenantry.records.models import Repair
from tenantry.records.tests.factories import RepairFactory


def test_an_inspector_cannot_log_a_record(cast):
    repair = RepairFactory.build(organisation=cast.tmo, home=cast.home, reference="")
    repair.priority.save()

    with pytest.raises(PermissionDenied):
        services.record_service(record=repair, by=cast.people["inspector"], reference_prefix="R")

    assert not Repair.objects.exists()


def test_the_committee_cannot_correct_a_record(cast):
    repair = RepairFactory(organisation=cast.tmo, home=cast.home)
    repair.description = "Changed"

    with pytest.raises(PermissionDenied):
        services.change_record(record=repair, by=cast.people["committee"])


def test_staff_correct_a_record(cast):
    repair = RepairFactory(organisation=cast.tmo, home=cast.home)
    repair.description = "Changed"

    services.change_record(record=repair, by=cast.people["staff"])

    assert Repair.objects.get(pk=repair.pk).description == "Changed"


def test_staff_cannot_report_a_repair_as_a_resident(cast):
    with pytest.raises(PermissionDenied):
        services.report_repair_as_resident(
            organisation=cast.tmo,
            home=cast.home,
            by=cast.people["staff"],
            trade="plumbing",
            description="Leak",
            emergency=False,
            damp_or_mould=False,
        )


def test_a_resident_cannot_report_a_repair_to_someone_elses_home(cast):
    neighbours = HomeFactory(estate=cast.estate, address="5 Mill Road")

    with pytest.raises(PermissionDenied):
        services.report_repair_as_resident(
            organisation=cast.tmo,
            home=neighbours,
            by=cast.people["resident"],
            trade="plumbing",
            description="Leak",
            emergency=False,
            damp_or_mould=False,
        )


def test_a_resident_cannot_rate_a_repair_to_someone_elses_home(cast):
    neighbours = HomeFactory(estate=cast.estate, address="5 Mill Road")
    repair = RepairFactory(organisation=cast.tmo, home=neighbours)

    with pytest.raises(PermissionDenied):
        services.rate_repair_once(repair=repair, by=cast.people["resident"], satisfaction=1)
    with pytest.raises(PermissionDenied):
        services.comment_on_rating(repair=repair, by=cast.people["resident"], comment="Bad")


def test_an_inspector_cannot_complain_as_a_resident(cast):
    with pytest.raises(PermissionDenied):
        services.make_complaint_as_resident(
            organisation=cast.tmo,
            home=None,
            by=cast.people["inspector"],
            category="repairs",
            what_happened="Nothing",
        )


def test_the_committee_cannot_import_records_or_keep_column_mappings(cast):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from tenantry.records.imports import services as imports
    from tenantry.records.models import ImportMapping

    by = cast.people["committee"]
    mapping = ImportMapping.objects.create(
        organisation=cast.tmo, kind="repairs", name="Ours", columns={}
    )
    upload = SimpleUploadedFile("repairs.csv", b"reference\n")

    with pytest.raises(PermissionDenied):
        imports.start_import(organisation=cast.tmo, kind="repairs", upload=upload, by=by)
    with pytest.raises(PermissionDenied):
        imports.save_mapping(
            organisation=cast.tmo, kind="repairs", name="Theirs", columns={}, by=by
        )
    with pytest.raises(PermissionDenied):
        imports.change_mapping(mapping=mapping, name="Changed", columns={}, by=by)
    with pytest.raises(PermissionDenied):
        imports.delete_mapping(mapping=mapping, by=by)

    assert ImportMapping.objects.get().name == "Ours"


def test_staff_cannot_change_a_record_of_a_service_their_organisation_does_not_run(cast):
    from django.core.exceptions import ValidationError

    from tenantry.organisations.tests.factories import AgreementFactory, RoleFactory

    agreement = AgreementFactory(organisation__landlord=cast.landlord, services=["complaints"])
    staff = RoleFactory(organisation=agreement.organisation, role="staff").user
    repair = RepairFactory(organisation=agreement.organisation, home=cast.home)
    repair.description = "Changed"

    with pytest.raises(ValidationError):
        services.change_record(record=repair, by=staff)

"""Routes of the staff pages for service records, for the permission matrix.

Every kind shares the same five views; the matrix checks them on repairs (the kind with the
most rules behind it), and test_staff_record_views.py checks every kind's pages open.
"""

from django.core.files.uploadedfile import SimpleUploadedFile

from tenantry.core.tests.matrix import (
    MANAGEMENT,
    RECORD_KEEPERS,
    TRIAGERS,
    TRIAGERS_POST_ONLY,
)
from tenantry.records.tests.factories import EstateInspectionFactory, RepairFactory


def _repair(cast) -> int:
    return RepairFactory(organisation=cast.tmo, home=cast.home).pk


def _kind(cast) -> str:
    return "repairs"


def _inspection_with_photo(cast) -> int:
    photo = SimpleUploadedFile("play-area.png", b"\x89PNG\r\n\x1a\n", content_type="image/png")
    return EstateInspectionFactory(organisation=cast.tmo, photo=photo).pk


def _awaiting_triage(cast) -> int:
    return RepairFactory(organisation=cast.tmo, home=cast.home, priority=None).pk


ROUTES = {
    "services:triage": ("tmo", {}, TRIAGERS),
    "services:set-repair-priority": ("tmo", {"pk": _awaiting_triage}, TRIAGERS_POST_ONLY),
    "services:inspection-photo": ("tmo", {"pk": _inspection_with_photo}, MANAGEMENT),
    "services:records": ("tmo", {}, MANAGEMENT),
    "services:record-list": ("tmo", {"kind": _kind}, MANAGEMENT),
    "services:record": ("tmo", {"kind": _kind, "pk": _repair}, MANAGEMENT),
    "services:create-record": ("tmo", {"kind": _kind}, RECORD_KEEPERS),
    "services:edit-record": ("tmo", {"kind": _kind, "pk": _repair}, RECORD_KEEPERS),
    "services:search": ("tmo", {}, MANAGEMENT),
}

"""Routes of a resident's own pages: their repairs and their complaints.

Each record route is given a record of the cast's resident (made fresh for each case). The
cast's committee member lives elsewhere, so the resident's record is a 404 to them, exactly
like one that does not exist.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile

from tenantry.core.tests.matrix import REPAIR_PHOTO, RESIDENTS_ONLY
from tenantry.records.models import Repair, RepairPhoto
from tenantry.records.tests.factories import ComplaintFactory, RepairFactory

# As RESIDENTS_ONLY, but the record is the resident's: the committee member may use these pages
# for their own records, and finds the resident's hidden.
RESIDENTS_OWN_RECORD = ["login", 200, 404, 403, 403, 403, 404, 404, 403]

_FIXED = datetime(2025, 12, 22, 14, 0, tzinfo=ZoneInfo("Europe/London"))


def open_repair(cast) -> int:
    return RepairFactory(organisation=cast.tmo, home=cast.home).pk


def completed_repair(cast, **fields) -> int:
    return RepairFactory(
        organisation=cast.tmo,
        home=cast.home,
        status=Repair.Status.COMPLETED,
        completed_at=_FIXED,
        **fields,
    ).pk


def rated_repair(cast) -> int:
    return completed_repair(cast, satisfaction=4)


def answered_complaint(cast) -> int:
    return ComplaintFactory(
        organisation=cast.tmo,
        home=cast.home,
        made_by=cast.people["resident"],
        received_on=_FIXED.date(),
        stage1_acknowledged_on=_FIXED.date(),
        stage1_responded_on=_FIXED.date(),
    ).pk


def photo(cast) -> int:
    repair = RepairFactory(
        organisation=cast.tmo, home=cast.home, priority=None, reported_by=cast.people["resident"]
    )
    stored = RepairPhoto(repair=repair, content_type=RepairPhoto.Format.PNG)
    stored.file.save("photo.png", ContentFile(b"\x89PNG\r\n\x1a\n"), save=True)
    return stored.pk


def complaint(cast) -> int:
    return ComplaintFactory(
        organisation=cast.tmo, home=cast.home, made_by=cast.people["resident"]
    ).pk


ROUTES = {
    "services:my-repairs": ("tmo", {}, RESIDENTS_ONLY),
    "services:report-my-repair": ("tmo", {}, RESIDENTS_ONLY),
    "services:my-repair": ("tmo", {"pk": open_repair}, RESIDENTS_OWN_RECORD),
    "services:my-repair-reported": ("tmo", {"pk": open_repair}, RESIDENTS_OWN_RECORD),
    "services:rate-my-repair": ("tmo", {"pk": completed_repair}, RESIDENTS_OWN_RECORD),
    "services:my-repair-rated": ("tmo", {"pk": rated_repair}, RESIDENTS_OWN_RECORD),
    "services:my-complaints": ("tmo", {}, RESIDENTS_ONLY),
    "services:make-my-complaint": ("tmo", {}, RESIDENTS_ONLY),
    "services:my-complaint": ("tmo", {"pk": complaint}, RESIDENTS_OWN_RECORD),
    "services:my-complaint-made": ("tmo", {"pk": complaint}, RESIDENTS_OWN_RECORD),
    "services:escalate-my-complaint": ("tmo", {"pk": answered_complaint}, RESIDENTS_OWN_RECORD),
    "services:repair-photo": ("tmo", {"pk": photo}, REPAIR_PHOTO),
}

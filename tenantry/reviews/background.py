"""The reviews' files prepared in the background (`organisations/prepared.py`): a review's
inspection pack. A big review's pack (forty actions, thirty indicators' charts, two hundred
evidence files) takes WeasyPrint tens of seconds to lay out (bench/inspection_pack.py), which
no page should wait for."""

from typing import IO

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from tenantry.core.models import User
from tenantry.organisations import prepared as files
from tenantry.organisations.models import PreparedFile

from .inspection import pack_pdf
from .models import Review
from .permissions import can_read_inspection_pack

INSPECTION_PACK = "inspection-pack"


def prepare_pack(*, review: Review, by: User, language: str) -> PreparedFile:
    """Queue the inspection pack of `review`; its file's page follows the work."""
    return files.prepare(
        organisation=review.organisation,
        kind=INSPECTION_PACK,
        title=_("Inspection pack: %(review)s") % {"review": review.title},
        filename=f"inspection-pack-{review.pk}.pdf",
        params={
            "review": review.pk,
            "back": reverse("reviews:inspection", args=[review.organisation.slug, review.pk]),
        },
        by=by,
        language=language,
    )


def _write_pack(prepared: PreparedFile, out: IO[bytes], progress: files.Progress) -> None:
    review = Review.objects.filter(
        organisation=prepared.organisation, pk=prepared.params["review"]
    ).first()
    if review is None:
        raise ValidationError(_("The review has been deleted, so there is no pack to make."))
    progress(0, 1)
    out.write(pack_pdf(review, today=timezone.localdate()))
    progress(1, 1)


def register() -> None:
    files.register(
        files.Kind(
            slug=INSPECTION_PACK,
            rule=can_read_inspection_pack,
            write=_write_pack,
            content_type="application/pdf",
            counted=gettext_noop("%(done)s of %(total)s packs written"),
        )
    )

"""Routes of the review programme and of reviews, for the permission matrix.

Everyone with a role in the organisation reads its programme and its reviews; the committee
writes the programme and the landlord agrees it; the committee and staff run reviews; a local
indicator made at step 8 follows the indicators app's rule too (docs/reviews.md).
"""

from datetime import date

from django.core.files.uploadedfile import SimpleUploadedFile

from tenantry.core.tests.matrix import COMMITTEE_ONLY, LANDLORD_ONLY, SHOWN_TO_ALL
from tenantry.reviews import services
from tenantry.reviews.models import Option, ProgrammeEntry

RUNNERS = ["login", 403, 200, 200, 403, 403, 404, 404, 200]
RUNNERS_POST_ONLY = ["login", 403, 405, 405, 403, 403, 404, 404, 405]


def _review(cast) -> int:
    return services.start_review(
        organisation=cast.tmo,
        service="repairs",
        title="Repairs",
        started_on=date(2026, 1, 5),
        by=None,
    ).pk


def _entry(cast) -> int:
    programme = services.save_programme(organisation=cast.tmo, first_year=2026, by=None)
    return services.save_programme_entry(
        entry=ProgrammeEntry(
            programme=programme,
            service="repairs",
            year=2026,
            starts_on=date(2026, 5, 1),
            consultation_by=date(2026, 9, 1),
            plan_by=date(2027, 1, 31),
        ),
        by=None,
    ).pk


def _review_and(make):
    """The review argument and another made on it, shared within one request."""
    made = {}

    def review(cast) -> int:
        made["review"] = _review(cast)
        return made["review"]

    def other(cast) -> int:
        return make(made["review"])

    return review, other


def _option(review_pk: int) -> int:
    return Option.objects.create(review_id=review_pk, kind="in_house", description="As now").pk


def _evidence(review_pk: int) -> int:
    from tenantry.reviews.models import Review

    return services.add_evidence_file(
        review=Review.objects.get(pk=review_pk),
        step=4,
        title="Notes",
        upload=SimpleUploadedFile("notes.pdf", b"%PDF-1.4 notes"),
        by=None,
    ).pk


_OPTION = dict(zip(("pk", "option"), _review_and(_option), strict=True))
_EVIDENCE = dict(zip(("pk", "evidence"), _review_and(_evidence), strict=True))


def _step(cast) -> int:
    return 5


ROUTES = {
    "reviews:reviews": ("tmo", {}, SHOWN_TO_ALL),
    "reviews:programme": ("tmo", {}, SHOWN_TO_ALL),
    "reviews:edit-programme": ("tmo", {}, COMMITTEE_ONLY),
    "reviews:add-programme-entry": ("tmo", {}, COMMITTEE_ONLY),
    "reviews:edit-programme-entry": ("tmo", {"pk": _entry}, COMMITTEE_ONLY),
    "reviews:respond-to-programme": ("tmo", {}, LANDLORD_ONLY),
    "reviews:start-review": ("tmo", {}, RUNNERS),
    "reviews:review": ("tmo", {"pk": _review}, SHOWN_TO_ALL),
    "reviews:step": ("tmo", {"pk": _review, "number": _step}, SHOWN_TO_ALL),
    "reviews:edit-step": ("tmo", {"pk": _review, "number": _step}, RUNNERS),
    "reviews:add-decision": ("tmo", {"pk": _review}, RUNNERS),
    "reviews:add-evidence": ("tmo", {"pk": _review}, RUNNERS),
    "reviews:evidence-file": ("tmo", _EVIDENCE, SHOWN_TO_ALL),
    "reviews:freeze-figures": ("tmo", {"pk": _review}, RUNNERS_POST_ONLY),
    "reviews:stakeholders": ("tmo", {"pk": _review}, SHOWN_TO_ALL),
    "reviews:add-stakeholder": ("tmo", {"pk": _review}, RUNNERS),
    "reviews:add-visit": ("tmo", {"pk": _review}, RUNNERS),
    "reviews:add-option": ("tmo", {"pk": _review}, RUNNERS),
    "reviews:edit-option": ("tmo", _OPTION, RUNNERS),
    "reviews:add-standard": ("tmo", {"pk": _review}, RUNNERS),
    "reviews:create-indicator": ("tmo", {"pk": _review}, COMMITTEE_ONLY),
}

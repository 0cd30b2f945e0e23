"""The inspection of Kingsmead TMO's finished review of its repairs service: the committee's
self-assessment against the inspectors' two judgements, and the findings of the demo's
inspector, Ruth Campbell, who joins the team inspecting Kingsmead (she is an inspector at
Marsh Lane EMB too, and is given the inspector's role at Kingsmead for this inspection)."""

from collections.abc import Callable
from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from tenantry.core.models import User
from tenantry.core.permissions import Role
from tenantry.organisations import services as organisations
from tenantry.organisations.models import Organisation
from tenantry.reviews import inspection
from tenantry.reviews.models import InspectorFinding, Prospects, Review, SelfAssessment

STARS_EVIDENCE = (
    "Repairs done on time rose from 81% to 89% over the last two years, against our target of "
    "90%; the council's other estates stand at 84%. 412 households answered the repairs survey: "
    "74% were satisfied, up from 66%. Emergency repairs are all attended within 24 hours. We "
    "are not yet in the top quarter of landlords for average time to complete a repair."
)
PROSPECTS_EVIDENCE = (
    "The review used all four Cs: residents and the youth club were consulted, we compared "
    "ourselves with Ashford Estate TMO and the council, and appraised four options for who "
    "does the work. The improvement plan was published eight months ago; most actions are on "
    "track and two are done. One action, the new appointment slots, is late because the "
    "contractor's system changed; the committee agreed a new date in October."
)


@transaction.atomic
def add_demo_inspection(*, progress: Callable[[str], None] = lambda m: None) -> None:
    organisation = Organisation.objects.filter(slug="kingsmead-tmo").first()
    review = Review.objects.filter(organisation=organisation, service="repairs").first()
    if organisation is None or review is None or SelfAssessment.objects.filter(review=review):
        return
    today = timezone.localdate()
    inspection.save_self_assessment(
        assessment=SelfAssessment(
            review=review,
            stars=2,
            stars_evidence=STARS_EVIDENCE,
            prospects=Prospects.PROMISING,
            prospects_evidence=PROSPECTS_EVIDENCE,
            assessed_on=today - timedelta(days=30),
        ),
        by=None,
    )
    inspector = User.objects.filter(email="inspector@example.org").first()
    if inspector is None:
        return
    organisations.assign_role(user=inspector, organisation=organisation, role=Role.INSPECTOR)
    finding = InspectorFinding(
        review=review,
        stars=2,
        stars_reasons=(
            "A good service: most repairs are done on time and residents we met on the estate "
            "were mostly positive. Tenants who work days still find appointments hard to get."
        ),
        prospects=Prospects.PROMISING,
        prospects_reasons=(
            "The review was thorough and the plan has clear targets tied to the repairs "
            "indicators. The committee knows where it is behind and has acted, but the late "
            "appointments action needs watching."
        ),
        recommendations=(
            "Agree with the contractor a date for evening and Saturday appointments and report "
            "it to tenants.\nCompare repair times with a second TMO outside Northbrook."
        ),
        found_on=today - timedelta(days=7),
    )
    inspection.record_finding(finding=finding, by=inspector)
    progress("Kingsmead's repairs review: self-assessment and an inspector's findings")

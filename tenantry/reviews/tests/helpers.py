"""Making reviews for tests."""

from datetime import date

from tenantry.reviews import services
from tenantry.reviews.models import Review


def make_review(organisation, *, service="repairs", started_on=date(2026, 1, 5)) -> Review:
    return services.start_review(
        organisation=organisation,
        service=service,
        title="Review of repairs",
        started_on=started_on,
        by=None,
    )

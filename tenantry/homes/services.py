"""Every change to estates, homes and what agreements cover."""

from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from tenantry.core.models import User
from tenantry.organisations.models import ManagementAgreement
from tenantry.organisations.permissions import can_manage_agreements, require

from .models import Coverage, Estate, Home
from .stock import stock_changed


@transaction.atomic
def set_estates_covered(
    *, agreement: ManagementAgreement, estates: list[Estate], from_day: date, by: User | None
) -> tuple[int, int]:
    """Make the agreement cover exactly the homes of `estates` from `from_day` onwards.

    Homes that leave stop being covered the day before; homes that join start on `from_day`.
    Past coverage is never rewritten, so figures for earlier periods stay as they were.
    Returns (homes joined, homes left).
    """
    require(can_manage_agreements, user=by, organisation=agreement.organisation)
    if from_day < agreement.starts_on or (agreement.ends_on and from_day > agreement.ends_on):
        raise ValidationError(_("The date must fall within the agreement."))
    if any(estate.landlord_id != agreement.landlord_id for estate in estates):
        raise ValidationError(_("Only the landlord's own estates can be covered."))
    live = Coverage.objects.filter(agreement=agreement).not_ended_before(from_day)
    leaving = live.exclude(home__estate__in=estates)
    # Coverage that would start after the day it ends is removed rather than shortened.
    leaving.filter(starts_on__gte=from_day).delete()
    left = leaving.update(ends_on=from_day - timedelta(days=1))

    joining = Home.objects.filter(estate__in=estates).exclude(pk__in=live.values("home_id"))
    taken = (
        Coverage.objects.in_force(from_day)
        .filter(home__in=joining)
        .exclude(agreement=agreement)
        .count()
    )
    if taken:
        # A home is managed by one organisation at a time.
        raise ValidationError(
            _("%(count)d of those homes are already covered by another agreement on that day.")
            % {"count": taken}
        )
    new = [
        Coverage(agreement=agreement, home_id=pk, starts_on=from_day, ends_on=agreement.ends_on)
        for pk in joining.values_list("pk", flat=True).iterator()
    ]
    Coverage.objects.bulk_create(new, batch_size=2000)
    stock_changed(organisations=[agreement.organisation])
    return len(new), left

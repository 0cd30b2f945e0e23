"""Whether a resident may be a member, by their organisation's constitution: one function,
`eligibility`, called by the application form, the staff's keyed-in applications and approval.

The rules (REFERENCE.md, Right to Manage and "Who may vote"; the constitution decides each):
- they live in one of the organisation's homes: their household's tenancy runs on the day and
  the home is covered by one of the organisation's agreements on the day (`homes.Coverage`);
- their tenure is one the constitution admits (leasehold and shared ownership are leaseholders,
  every other tenure a tenant);
- they are at least the constitution's minimum age, when their age is known: from a date of
  birth given on the application, or else from a consented equality profile's age band when
  the whole band is under the minimum (a band that straddles it tells nothing, and no age at
  all is no reason to refuse: a note asks whoever decides to check);
- joint tenants: where the constitution counts a household as one member, nobody else in the
  household may already be a member or have applied;
- nobody holds two open applications or memberships (also a database constraint).
"""

from dataclasses import dataclass, field
from datetime import date

from django.utils.translation import gettext as _

from tenantry.homes.models import Coverage, EqualityProfile, Household, Resident, Tenure

from .models import Constitution, Membership, MemberStatus

LEASEHOLD_TENURES = (Tenure.LEASEHOLD, Tenure.SHARED_OWNERSHIP)
OPEN = (MemberStatus.APPLIED, MemberStatus.MEMBER)

# The youngest and oldest age of each band (None: no upper end).
AGE_BANDS = {
    "16-24": (16, 24), "25-34": (25, 34), "35-44": (35, 44), "45-54": (45, 54),
    "55-64": (55, 64), "65-74": (65, 74), "75+": (75, None),
}  # fmt: skip


@dataclass
class Eligibility:
    reasons: list[str] = field(default_factory=list)  # why not; empty when eligible
    notes: list[str] = field(default_factory=list)  # what whoever decides should check

    @property
    def eligible(self) -> bool:
        return not self.reasons


def age_on(born: date, day: date) -> int:
    """Whole years of age on `day` (someone born on 29 February turns a year older on 1 March
    in a year without one)."""
    return day.year - born.year - ((day.month, day.day) < (born.month, born.day))


def eligibility(
    *,
    constitution: Constitution,
    resident: Resident,
    day: date,
    date_of_birth: date | None = None,
    ignore: Membership | None = None,
) -> Eligibility:
    """Whether `resident` may be a member on `day`, with the reasons when not.

    `ignore` is the application being decided, which is not a reason against itself.
    """
    result = Eligibility()
    household: Household = resident.household
    organisation_id = constitution.organisation_id
    home = household.home

    if household.started_on > day or (household.ended_on and household.ended_on <= day):
        result.reasons.append(_("Their tenancy is not running on %(day)s.") % {"day": _d(day)})
    covered = (
        Coverage.objects.in_force(day)
        .filter(home_id=home.pk, agreement__organisation_id=organisation_id)
        .exists()
    )
    if not covered:
        result.reasons.append(_("Their home is not one the organisation manages."))

    leaseholder = home.tenure in LEASEHOLD_TENURES
    if leaseholder and not constitution.leaseholders_may_join:
        result.reasons.append(_("The constitution does not admit leaseholders."))
    if not leaseholder and not constitution.tenants_may_join:
        result.reasons.append(_("The constitution does not admit tenants."))

    minimum = constitution.minimum_age
    if date_of_birth is not None:
        if date_of_birth > day:
            result.reasons.append(_("The date of birth is after %(day)s.") % {"day": _d(day)})
        elif age_on(date_of_birth, day) < minimum:
            result.reasons.append(_("Members must be %(age)s or older.") % {"age": minimum})
    else:
        profile = EqualityProfile.objects.filter(resident_id=resident.pk).first()
        band = AGE_BANDS.get(profile.age_band) if profile else None
        if band and band[1] is not None and band[1] < minimum:
            result.reasons.append(_("Members must be %(age)s or older.") % {"age": minimum})
        elif band is None or band[0] < minimum:
            result.notes.append(
                _("Check they are %(age)s or older: we do not know their age.") % {"age": minimum}
            )

    others = Membership.objects.filter(organisation_id=organisation_id, status__in=OPEN)
    if ignore is not None:
        others = others.exclude(pk=ignore.pk)
    if others.filter(resident_id=resident.pk).exists():
        result.reasons.append(_("They are already a member or have already applied."))
    elif (
        not constitution.joint_tenants_each_a_member
        and others.filter(household_id=household.pk).exists()
    ):
        result.reasons.append(
            _(
                "Someone in their household is already a member or has applied, and the "
                "constitution counts a household as one member."
            )
        )
    return result


def _d(day: date) -> str:
    from django.utils.formats import date_format

    return date_format(day, "j F Y")

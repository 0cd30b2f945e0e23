"""Reads of an organisation's democracy worth naming: the register, members as a share of
households, the committee's seats and who retires next."""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from tenantry.core.dated import in_force_q
from tenantry.homes.models import Household, Resident
from tenantry.organisations.models import Organisation

from .models import CommitteeTerm, Constitution, Membership, SeatKind
from .rotation import Rotation, retiring_at


def register(*, organisation: Organisation, status: str = "") -> QuerySet[Membership]:
    """The register, newest number last, applications first; optionally of one status."""
    found = Membership.objects.filter(organisation=organisation).select_related(
        "resident", "household__home"
    )
    if status:
        found = found.filter(status=status)
    return found.order_by("status", "number", "-applied_on", "pk")


def own_memberships(*, organisation: Organisation, user) -> QuerySet[Membership]:
    """A person's own memberships of the organisation, open first, then the latest."""
    return (
        Membership.objects.filter(organisation=organisation, resident__user=user)
        .select_related("resident", "household__home")
        .order_by("-applied_on", "-pk")
    )


def own_resident(*, organisation: Organisation, user, day: date) -> Resident | None:
    """The resident record of the person in one of the organisation's homes on `day`."""
    return (
        Resident.objects.filter(user=user)
        .filter(
            Q(household__ended_on__isnull=True) | Q(household__ended_on__gt=day),
            household__started_on__lte=day,
        )
        .filter(household__home__coverage__in=_coverage_on(organisation, day))
        .select_related("household__home")
        .first()
    )


@dataclass
class Share:
    label: str
    households: int = 0
    members: int = 0

    @property
    def percent(self) -> float | None:
        return None if not self.households else 100 * self.members / self.households


@dataclass
class MemberShares:
    overall: Share
    estates: list[Share] = field(default_factory=list)
    blocks: list[tuple[str, Share]] = field(default_factory=list)  # (estate, block)


def _households_marked(organisation: Organisation, day: date) -> QuerySet[Household]:
    """The households living on `day` in the organisation's homes, each marked `is_member` when
    one of its people is a member: the one rule both member shares count by."""
    members = Membership.objects.current(day).filter(
        organisation=organisation, household_id=OuterRef("pk")
    )
    return (
        Household.objects.living_on(day)
        .filter(home_id__in=_coverage_on(organisation, day).values("home_id"))
        .annotate(is_member=Exists(members))
    )


def member_share(*, organisation: Organisation, day: date) -> Share:
    """Households with at least one member, as a share of households living in the
    organisation's homes on `day`, overall only: one query, with no join to the homes, their
    estates or blocks (the overview asks it for now and a year ago)."""
    counts = _households_marked(organisation, day).aggregate(
        households=Count("pk"), members=Count("pk", filter=Q(is_member=True))
    )
    return Share(label="", **counts)


def member_shares(*, organisation: Organisation, day: date) -> MemberShares:
    """Households with at least one member, as a share of households living in the
    organisation's homes on `day`: overall, per estate and per block. One query.

    A household counts once however many of its joint tenants are members, so the share is of
    households, as the issue asks ("members as a share of households")."""
    rows = (
        _households_marked(organisation, day)
        .values("home__estate__name", "home__block__name")
        .annotate(households=Count("pk"), members=Count("pk", filter=Q(is_member=True)))
        .order_by("home__estate__name", "home__block__name")
    )
    overall = Share(label="")
    estates: dict[str, Share] = {}
    blocks = []
    for row in rows:
        estate = row["home__estate__name"]
        overall.households += row["households"]
        overall.members += row["members"]
        share = estates.setdefault(estate, Share(label=estate))
        share.households += row["households"]
        share.members += row["members"]
        if row["home__block__name"]:
            blocks.append(
                (estate, Share(row["home__block__name"], row["households"], row["members"]))
            )
    return MemberShares(overall=overall, estates=list(estates.values()), blocks=blocks)


def _coverage_on(organisation: Organisation, day: date):
    from tenantry.homes.models import Coverage

    return Coverage.objects.filter(in_force_q(day), agreement__organisation=organisation)


def status_counts(*, organisation: Organisation) -> dict[str, int]:
    return dict(
        Membership.objects.filter(organisation=organisation)
        .values_list("status")
        .annotate(n=Count("pk"))
        .order_by()
    )


@dataclass
class SeatGroup:
    kind: str
    label: str
    seats: int
    terms: list[CommitteeTerm]

    @property
    def vacancies(self) -> int:
        return max(self.seats - len(self.terms), 0)

    @property
    def vacant(self) -> range:
        return range(self.vacancies)


@dataclass
class Committee:
    groups: list[SeatGroup]
    rotation: Rotation
    agm: date

    @property
    def seats(self) -> int:
        return sum(g.seats for g in self.groups)

    @property
    def filled(self) -> int:
        return sum(min(len(g.terms), g.seats) for g in self.groups)

    @property
    def vacancies(self) -> int:
        return sum(g.vacancies for g in self.groups)


def committee(*, constitution: Constitution, seats: dict[str, int], day: date, agm: date):
    """The committee on `day`: each kind of seat with its holders and vacancies, and who retires
    at the AGM on `agm` by the rotation rule. Two queries (terms with their holders)."""
    terms = list(
        CommitteeTerm.objects.current(day)
        .filter(organisation_id=constitution.organisation_id)
        .select_related("membership__resident")
        .order_by("starts_on", "pk")
    )
    groups = [
        SeatGroup(kind, SeatKind(kind).label, n, [t for t in terms if t.kind == kind])
        for kind, n in seats.items()
        if n or any(t.kind == kind for t in terms)
    ]
    rotation = retiring_at(
        terms, agm=agm, denominator=constitution.retire_share_denominator,
        term_years=constitution.term_years,
    )  # fmt: skip
    return Committee(groups=groups, rotation=rotation, agm=agm)


def members_for_seats(*, organisation: Organisation, day: date) -> QuerySet[Membership]:
    """Current members, for choosing who takes a seat."""
    return (
        Membership.objects.current(day)
        .filter(organisation=organisation)
        .select_related("resident")
        .order_by("resident__name")
    )


def resident_named(
    *, organisation: Organisation, reference: str, name: str, day: date
) -> Resident | None:
    """The resident called `name` (any case) living on `day` at the home with this property
    reference or in the household with this tenancy reference, in the organisation's homes."""
    reference = reference.strip()
    return (
        Resident.objects.filter(name__iexact=name.strip())
        .filter(
            Q(household__home__reference__iexact=reference)
            | Q(household__reference__iexact=reference)
        )
        .filter(
            Q(household__ended_on__isnull=True) | Q(household__ended_on__gt=day),
            household__started_on__lte=day,
            household__home__coverage__in=_coverage_on(organisation, day),
        )
        .select_related("household__home")
        .first()
    )

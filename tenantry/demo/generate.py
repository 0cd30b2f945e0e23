"""A synthetic landlord of any size, the same every time for the same seed and day.

One council owns every home. Three tenant management organisations of different kinds and
sizes manage some of its estates under management agreements (more are added for very large
landlords), a scrutiny panel and a residents' association work with it, and the council
manages the rest itself. Homes are written with bulk inserts so 125,000 homes take minutes.
"""

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db import transaction

from tenantry.core.models import User
from tenantry.core.permissions import Role
from tenantry.homes.models import (
    STOCK_TYPE_OF_TENURE,
    Block,
    Coverage,
    EqualityProfile,
    Estate,
    Home,
    HomeType,
    Household,
    Resident,
    Tenure,
)
from tenantry.organisations import services as organisations
from tenantry.organisations.models import DelegatedService as S
from tenantry.organisations.models import Organisation, Region

from . import names
from .records import generate_records
from .surveys import add_generated_surveys

DEMO_PASSWORD = "tenantry-demo"  # noqa: S105 – printed for the demo's sign-in, nothing else
BATCH = 5000


@dataclass(frozen=True)
class ManagedOrg:
    name: str
    slug: str
    kind: str
    homes: int
    since: date
    services: tuple[str, ...]
    allowance_per_home: int


# The three organisations the issue describes, at full size.
MANAGED = (
    ManagedOrg(
        "Brookfield Tenant Management Co-operative", "brookfield-tmc", Organisation.Kind.TMC,
        150, date(1996, 4, 1),
        (S.REPAIRS, S.CARETAKING, S.RENT_COLLECTION, S.VOIDS_LETTINGS, S.TENANCY_MANAGEMENT,
         S.ASB, S.COMPLAINTS, S.GROUNDS),
        940,
    ),
    ManagedOrg(
        "Marsh Lane Estate Management Board", "marsh-lane-emb", Organisation.Kind.EMB,
        600, date(2004, 10, 1),
        (S.REPAIRS, S.CARETAKING, S.COMPLAINTS, S.GROUNDS, S.ASB),
        610,
    ),
    ManagedOrg(
        "Kingsmead Tenant Management Organisation", "kingsmead-tmo", Organisation.Kind.TMO,
        1200, date(2001, 4, 1),
        (S.REPAIRS, S.CARETAKING, S.RENT_COLLECTION, S.VOIDS_LETTINGS, S.TENANCY_MANAGEMENT,
         S.ASB, S.COMPLAINTS, S.GROUNDS, S.BUILDING_SAFETY),
        780,
    ),
)  # fmt: skip
FULL_SIZE = 4000  # below this many homes the managed organisations shrink in proportion

DEMO_USERS = [
    # email, name, organisation slug, role
    ("resident@example.org", "Amina Hassan", "brookfield-tmc", Role.RESIDENT),
    ("committee@example.org", "Patrick Kelly", "kingsmead-tmo", Role.COMMITTEE),
    ("staff@example.org", "Joanne Wright", "kingsmead-tmo", Role.STAFF),
    ("panel@example.org", "Usha Patel", "northbrook-scrutiny-panel", Role.PANEL),
    ("landlord@example.org", "Gareth Morgan", "northbrook-council", Role.LANDLORD_OFFICER),
    ("inspector@example.org", "Ruth Campbell", "marsh-lane-emb", Role.INSPECTOR),
]

# What the demo people chose on their Email settings pages: the staff member hears of new
# reports from residents; the landlord officer reads in Welsh. Everyone keeps the default
# updates on their own repairs and complaints.
DEMO_EMAIL_SETTINGS = {
    "staff@example.org": {"emails_about_new_reports": True},
    "landlord@example.org": {"language": "cy"},
}


@dataclass
class Summary:
    organisations: int = 0
    estates: int = 0
    blocks: int = 0
    homes: int = 0
    households: int = 0
    residents: int = 0
    equality_profiles: int = 0
    users: list[tuple[str, str, str]] = field(default_factory=list)  # email, role, organisation


def generate(
    *,
    homes: int,
    years: int,
    seed: int,
    as_of: date,
    demo_users: bool = True,
    records: bool = False,
    surveys: bool = False,
    progress: Callable[[str], None] = lambda message: None,
) -> Summary:
    """Build the landlord. Raises ValueError if the database already holds its council."""
    if homes < 20:
        raise ValueError("A landlord needs at least 20 homes.")
    if Organisation.objects.filter(slug="northbrook-council").exists():
        raise ValueError("The generated landlord already exists in this database.")
    return _Generator(homes=homes, years=years, seed=seed, as_of=as_of, progress=progress).run(
        demo_users=demo_users, records=records, surveys=surveys
    )


class _Generator:
    def __init__(self, *, homes, years, seed, as_of, progress):
        self.total, self.years, self.as_of, self.seed = homes, years, as_of, seed
        self.rng = random.Random(seed)
        self.progress = progress
        self.summary = Summary()
        self.estate_names = self._unique_names()
        self.home_seq = self.household_seq = self.names_used = 0
        self.pending: dict[type, list] = {Home: [], Household: [], Resident: []}

    @transaction.atomic
    def run(self, *, demo_users: bool, records: bool = False, surveys: bool = False) -> Summary:
        council = organisations.create_organisation(
            by=None,
            name="Northbrook Borough Council",
            slug="northbrook-council",
            kind=Organisation.Kind.COUNCIL,
            region=Region.NORTH_WEST,
            email="housing@northbrook.example.org",
            phone="0161 496 0000",
            address="Town Hall\nMarket Square\nNorthbrook\nNB1 1AA",
            about="Northbrook Borough Council owns the homes and delegates services to tenant "
            "management organisations on some of its estates.",
        )
        plan = self._plan_sizes()
        self.progress(f"Planned {self.total:,} homes: " + ", ".join(f"{n:,}" for n, _o in plan))
        for size, managed in plan:
            # Each organisation's first estate bears its name, as they usually do.
            first = managed.name.split(" ")[0] if managed else "Hillside"
            if managed and managed.slug == "marsh-lane-emb":
                first = "Marsh Lane"
            estates = self._build_estates(council, size, first_estate=first)
            if managed is not None:
                self._delegate(council, managed, estates)
        self._flush()
        self.progress(f"{self.summary.homes:,} homes written")
        self._partner_organisations(council)
        self._equality_profiles()
        if demo_users:
            self._demo_users()
        if records:  # service records for each financial year (tenantry/demo/records.py)
            generate_records(
                landlord=council,
                seed=self.seed,
                as_of=self.as_of,
                years=self.years,
                progress=self.progress,
            )
        if surveys:  # each managed organisation's survey of its households (demo/surveys.py)
            add_generated_surveys(landlord=council, seed=self.seed, progress=self.progress)
        self.summary.organisations = Organisation.objects.count()
        return self.summary

    # --- sizes and organisations -------------------------------------------------------

    def _plan_sizes(self) -> list[tuple[int, ManagedOrg | None]]:
        """How many homes each manager gets: (homes, organisation or None for the council)."""
        scale = min(1.0, self.total / FULL_SIZE)
        managed = [(max(5, round(m.homes * scale)), m) for m in MANAGED]
        # Very large landlords work with more organisations: about one more per 15,000 homes.
        kinds = [Organisation.Kind.TMO, Organisation.Kind.TMC, Organisation.Kind.EMB]
        for i in range(max(0, (self.total - FULL_SIZE) // 15_000)):
            word = self.estate_names[-(i + 1)]
            kind = kinds[i % 3]
            size = self.rng.randrange(300, 1500, 50)
            extra = ManagedOrg(
                f"{word} {Organisation.Kind(kind).label}",
                f"{word.lower().replace(' ', '-')}-{kind}-{i + 1}",
                kind,
                size,
                date(self.rng.randrange(1995, 2020), 4, 1),
                tuple(self.rng.sample(list(MANAGED[2].services), k=self.rng.randrange(4, 9))),
                self.rng.randrange(550, 950, 10),
            )
            managed.append((size, extra))
        direct = self.total - sum(size for size, _m in managed)
        return [(direct, None)] + managed

    def _delegate(self, council: Organisation, managed: ManagedOrg, estates: list[Estate]) -> None:
        self._flush()  # the homes must exist before coverage can point at them
        organisation = organisations.create_organisation(
            by=None,
            name=managed.name,
            slug=managed.slug,
            kind=managed.kind,
            landlord=council,
            region=Region.NORTH_WEST,
            founded_on=managed.since - timedelta(days=self.rng.randrange(200, 900)),
            email=f"office@{managed.slug}.example.org",
            phone=f"0161 496 {self.rng.randrange(1000, 9999)}",
            address=f"Estate Office\n{estates[0].name}\nNorthbrook",
            registered_number=f"IP{self.rng.randrange(10000, 32000)}R",
        )
        home_ids = list(Home.objects.filter(estate__in=estates).values_list("pk", flat=True))
        agreement = organisations.create_agreement(
            by=None,
            landlord=council,
            organisation=organisation,
            title=f"{managed.name} management agreement",
            services=list(managed.services),
            management_allowance=Decimal(managed.allowance_per_home * len(home_ids)),
            starts_on=managed.since,
        )
        Coverage.objects.bulk_create(
            [Coverage(agreement=agreement, home_id=pk, starts_on=managed.since) for pk in home_ids],
            batch_size=BATCH,
        )

    def _partner_organisations(self, council: Organisation) -> None:
        organisations.create_organisation(
            by=None,
            name="Northbrook Tenant Scrutiny Panel",
            slug="northbrook-scrutiny-panel",
            kind=Organisation.Kind.SCRUTINY_PANEL,
            landlord=council,
            region=Region.NORTH_WEST,
            email="scrutiny@northbrook.example.org",
            about="Tenants who review the council's housing services and recommend improvements.",
        )
        organisations.create_organisation(
            by=None,
            name="Hillside Residents' Association",
            slug="hillside-ra",
            kind=Organisation.Kind.RESIDENTS_ASSOCIATION,
            landlord=council,
            region=Region.NORTH_WEST,
            email="hillside.residents@example.org",
            about="Residents of the Hillside estate, meeting monthly at the community centre.",
        )

    # --- estates, blocks, homes, households, residents ---------------------------------------

    def _unique_names(self) -> list[str]:
        words = [w for w in names.ESTATE_WORDS if w not in names.RESERVED_ESTATES]
        self.rng.shuffle(words)
        extra = [
            f"{a} {b}" for a in names.ESTATE_WORDS for b in ("Park", "Green", "Fields", "Rise")
        ]
        self.rng.shuffle(extra)
        return words + extra

    def _build_estates(
        self, landlord: Organisation, size: int, *, first_estate: str
    ) -> list[Estate]:
        estates, left = [], size
        while left > 0:
            take = min(left, self.rng.randrange(80, 600)) if left > 650 else left
            name = first_estate if not estates else self._next_estate_name()
            estates.append(self._estate(landlord, take, name))
            left -= take
        return estates

    def _next_estate_name(self) -> str:
        word = self.estate_names[self.names_used % len(self.estate_names)]
        round_ = self.names_used // len(self.estate_names)
        self.names_used += 1
        return f"{word} {round_ + 1}" if round_ else word

    def _estate(self, landlord: Organisation, size: int, name: str) -> Estate:
        number = self.summary.estates + 1
        estate = Estate.objects.create(
            landlord=landlord,
            name=f"{name} Estate",
            reference=f"E{number:04d}",
            area=self.rng.choice(names.AREAS),
        )
        self.summary.estates += 1
        streets = [
            f"{self.rng.choice(names.STREET_WORDS)} {self.rng.choice(names.STREET_KINDS)}"
            for _ in range(3)
        ]
        district = f"NB{self.rng.randrange(1, 20)}"
        left, block_no = size, 0
        while left > 0:
            street = self.rng.choice(streets)
            if self.rng.random() < 0.7:  # most council estates are mostly flats
                block_no += 1
                flats = min(left, self.rng.choice([12, 18, 24, 30, 40, 60, 90]))
                self._block(estate, block_no, flats, street, district)
                left -= flats
            else:
                houses = min(left, self.rng.randrange(6, 24))
                for n in range(houses):
                    self._home(estate, None, f"{2 * n + 1} {street}", district, house=True)
                left -= houses
        return estate

    def _block(self, estate: Estate, number: int, flats: int, street: str, district: str) -> None:
        storeys = max(2, min(22, flats // self.rng.choice([3, 4, 6])))
        word = names.BLOCK_WORDS[(number - 1) % len(names.BLOCK_WORDS)]
        block = Block.objects.create(
            estate=estate,
            name=f"{word} {self.rng.choice(names.BLOCK_KINDS)}",
            reference=f"{estate.reference}-B{number:02d}",
            storeys=storeys,
            has_lift=storeys >= 5,
            has_communal_areas=True,
        )
        self.summary.blocks += 1
        for n in range(1, flats + 1):
            self._home(estate, block, f"Flat {n}, {block.name}, {street}", district, house=False)

    def _home(self, estate, block, address, district, *, house: bool) -> None:
        rng = self.rng
        self.home_seq += 1
        if house:
            home_type = rng.choices([HomeType.HOUSE, HomeType.BUNGALOW], [9, 1])[0]
            bedrooms = rng.choices([1, 2, 3, 4, 5], [3, 30, 50, 15, 2])[0]
            tenure = rng.choices(
                [Tenure.SECURE, Tenure.INTRODUCTORY, Tenure.SHARED_OWNERSHIP], [90, 4, 6]
            )[0]
        else:
            home_type = rng.choices(
                [HomeType.FLAT, HomeType.MAISONETTE, HomeType.BEDSIT], [85, 10, 5]
            )[0]
            bedrooms = (
                0 if home_type == HomeType.BEDSIT else rng.choices([1, 2, 3], [40, 42, 18])[0]
            )
            # Right to Buy left many flats with leaseholders, who still count as residents.
            tenure = rng.choices(
                [Tenure.SECURE, Tenure.INTRODUCTORY, Tenure.ASSURED, Tenure.LEASEHOLD,
                 Tenure.SHARED_OWNERSHIP],
                [74, 3, 3, 17, 3],
            )[0]  # fmt: skip
        home = Home(
            landlord_id=estate.landlord_id,
            estate=estate,
            block=block,
            reference=f"P{self.home_seq:07d}",
            address=address,
            postcode=f"{district} {rng.randrange(1, 10)}{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}"
            f"{rng.choice('ABDEFGHJLNPQRSTUWXYZ')}",
            home_type=home_type,
            bedrooms=bedrooms,
            tenure=tenure,
            stock_type=STOCK_TYPE_OF_TENURE[tenure],
        )
        self.pending[Home].append(home)
        self._households(home)
        if len(self.pending[Home]) >= BATCH:
            self._flush()

    def _households(self, home: Home) -> None:
        """The current household (unless the home is empty) and any that left in the period."""
        rng, start_of_period = self.rng, self.as_of - timedelta(days=365 * self.years)
        # Tenancies last 12 years on average, so about 8% of homes are re-let each year.
        years_ago = min(rng.expovariate(1 / 12), 50)
        moved_in = self.as_of - timedelta(days=30 + int(years_ago * 365))
        if moved_in > start_of_period:
            # The previous household left within the period: a void, then the current one.
            ended = moved_in - timedelta(days=rng.randrange(7, 90))
            self._household(home, ended - timedelta(days=rng.randrange(365, 365 * 20)), ended)
        if rng.random() < 0.015:
            return  # empty today, waiting to be let
        self._household(home, moved_in, None)

    def _household(self, home: Home, started: date, ended: date | None) -> None:
        rng = self.rng
        self.household_seq += 1
        household = Household(
            home=home, reference=f"T{self.household_seq:08d}", started_on=started, ended_on=ended
        )
        self.pending[Household].append(household)
        surname = rng.choice(names.LAST_NAMES)
        language = rng.choices(*zip(*names.LANGUAGES, strict=True))[0]
        size = rng.choices([1, 2, 3, 4, 5], [38, 30, 14, 12, 6])[0]
        for i in range(size):
            first = rng.choice(names.FIRST_NAMES)
            adult = i < 2
            self.pending[Resident].append(
                Resident(
                    household=household,
                    name=f"{first} {surname}",
                    email=f"{first}.{surname}{self.household_seq}@example.net".lower().replace(
                        "'", ""
                    )
                    if adult and rng.random() < 0.6
                    else "",
                    phone=f"07700 9{rng.randrange(10000, 99999)}" if adult else "",
                    is_lead_tenant=i == 0,
                    language=language,
                    needs_large_print=adult and rng.random() < 0.04,
                    needs_braille=adult and rng.random() < 0.003,
                    needs_audio=adult and rng.random() < 0.01,
                    needs_easy_read=rng.random() < 0.02,
                    needs_interpreter=language not in ("en", "cy") and rng.random() < 0.4,
                    needs_bsl=rng.random() < 0.003,
                )
            )

    def _flush(self) -> None:
        homes = self.pending[Home]
        if not homes:
            return
        Home.objects.bulk_create(homes, batch_size=BATCH)
        for household in self.pending[Household]:
            household.home_id = household.home.pk
        Household.objects.bulk_create(self.pending[Household], batch_size=BATCH)
        for resident in self.pending[Resident]:
            resident.household_id = resident.household.pk
        Resident.objects.bulk_create(self.pending[Resident], batch_size=BATCH)
        self.summary.homes += len(homes)
        self.summary.households += len(self.pending[Household])
        self.summary.residents += len(self.pending[Resident])
        self.pending = {Home: [], Household: [], Resident: []}
        if self.summary.homes // 25_000 > (self.summary.homes - len(homes)) // 25_000:
            self.progress(f"{self.summary.homes:,} of {self.total:,} homes")

    def _equality_profiles(self) -> None:
        """About a third of adult residents gave their equality details, with consent."""
        rng = self.rng
        adults = Resident.objects.exclude(phone="").order_by("pk").values_list("pk", flat=True)
        profiles = []
        for pk in adults.iterator(chunk_size=BATCH):
            if rng.random() >= 0.35:
                continue
            profiles.append(
                EqualityProfile(
                    resident_id=pk,
                    consented_on=self.as_of - timedelta(days=rng.randrange(1, 1500)),
                    age_band=rng.choices(
                        EqualityProfile.AgeBand.values, [8, 16, 17, 17, 15, 12, 11, 4]
                    )[0],
                    disability=rng.choices(EqualityProfile.Disability.values, [30, 62, 8])[0],
                    ethnicity=rng.choices(EqualityProfile.Ethnicity.values, [14, 9, 4, 66, 3, 4])[
                        0
                    ],
                    gender=rng.choices(EqualityProfile.Gender.values, [55, 41, 1, 3])[0],
                )
            )
            if len(profiles) >= BATCH:
                EqualityProfile.objects.bulk_create(profiles)
                self.summary.equality_profiles += len(profiles)
                profiles = []
        EqualityProfile.objects.bulk_create(profiles)
        self.summary.equality_profiles += len(profiles)

    # --- people who sign in -------------------------------------------------------------------

    def _demo_users(self) -> None:
        for email, name, slug, role in DEMO_USERS:
            organisation = Organisation.objects.get(slug=slug)
            user = User.objects.create_user(
                email=email, password=DEMO_PASSWORD, name=name, **DEMO_EMAIL_SETTINGS.get(email, {})
            )
            organisations.assign_role(user=user, organisation=organisation, role=role)
            if role == Role.RESIDENT:
                self._move_in(user, organisation)
            self.summary.users.append((email, str(Role(role).label), organisation.name))
        admin = User.objects.create_superuser(
            email="admin@example.org", password=DEMO_PASSWORD, name="Site Administrator"
        )
        self.summary.users.append((admin.email, str(Role.SITE_ADMIN.label), "Tenantry"))

    def _move_in(self, user: User, organisation: Organisation) -> None:
        """Make the demo resident the lead tenant of a home their organisation manages."""
        resident = (
            Resident.objects.filter(
                is_lead_tenant=True,
                household__ended_on__isnull=True,
                household__home__coverage__agreement__organisation=organisation,
                household__home__tenure=Tenure.SECURE,
            )
            .order_by("pk")
            .first()
        )
        resident.user, resident.name, resident.email = user, user.name, user.email
        resident.save(update_fields=["user", "name", "email"])

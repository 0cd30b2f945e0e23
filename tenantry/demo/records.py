"""Service records for the generated landlord: repairs, voids, rent, complaints, ASB, safety
checks, Decent Homes statuses and estate inspections over a number of financial years.

The period runs from 1 April of the first financial year to `as_of`, the current year being
partial; the records describe the landlord at the end of the `as_of` day, or, when that day is
today, at the moment they are made: nothing is reported or done later than now. Every record is
written for the organisation responsible for its home (or block or estate) on the record's own
date: the organisation whose Coverage covers the home that day, otherwise the council. A block
or an estate goes with its first home (coverage is by estate). Each organisation has a
performance `Profile`, so that indicators differ between them (the co-operative does best, the
council is middling, other organisations fall in between).

Choices (the rates are the constants below and in the profiles):

- Repairs: 3 responsive repairs a year per low-cost rental home (0.3 for leasehold and shared
  ownership homes: roofs, drains, glazing), 4 a year to each block's communal parts, 0.15
  planned jobs per rented home; priorities 10% emergency (24 hours), 30% urgent (5 working
  days), 60% routine (20 working days), planned 90 calendar days. Whether a repair meets its
  target is drawn from the organisation's profile and its completion placed within or past the
  `Timescale`. Damp and mould repairs reported from 27 October 2025 are Awaab's Law hazards in
  45% of cases (4% emergency), with the steps' dates drawn against the regulations' timescales.
- Voids: one per ended tenancy of a low-cost rental home (leasehold and shared-ownership homes
  are sold on, not re-let), until the next household's tenancy starts.
- Rent: one `RentPeriod` per household per financial quarter (not per month, to keep the table
  small), split where the managing organisation changed, for low-cost rental tenancies only.
  The rent due is the weekly rent × 13 for a whole quarter, pro rata for part of one.
- Decent Homes: low-cost rental homes only, the homes the standard applies to.
- Safety checks due up to 60 days after `as_of` are on the schedule already (some done early).

Speed and memory: the homes, households and coverage are read once as plain tuples; records are
made one home at a time and written in batches of `BATCH` straight to the database (COPY on
PostgreSQL, executemany elsewhere), so memory stays flat whatever the size. Each kind of record
draws from its own random stream (seeded from the seed and the kind), so the same seed and day
give the same records on any database (made during that day, the same up to the time they are
made), and changing how one kind is generated does not change the others.
"""

import random
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal

from django.db import connections, router
from django.db.models import DateTimeField, Q
from django.utils import timezone

from tenantry.core.deadlines import (
    AWAABS_LAW_TIMESCALES,
    COMPLAINT_TIMESCALES,
    EMERGENCY_HAZARDS_IN_FORCE,
    FURTHER_WORKS_LONGSTOP,
    LONDON,
    SIGNIFICANT_HAZARDS_IN_FORCE,
    HazardStep,
    Timescale,
    complaint_deadlines,
)
from tenantry.core.workingdays import add_working_days, is_working_day
from tenantry.homes.models import Block, Coverage, Estate, Home, Household, Resident, StockType
from tenantry.organisations.models import ManagementAgreement, Organisation
from tenantry.records import asb
from tenantry.records.models import (
    AsbCase,
    AsbReport,
    Complaint,
    DecentHomesStatus,
    EstateInspection,
    RentPeriod,
    Repair,
    RepairPriority,
    SafetyCheck,
    SafetyKind,
    SafetyRequirement,
    Void,
)
from tenantry.records.safety import forget_intervals

from . import names

BATCH = 5000
DAY = timedelta(days=1)
# Why a damp and mould case was closed with no dates: the resident could not be reached.
NO_ACCESS_REASONS = [
    "Resident refused access after three appointments",
    "No access: resident away, three visits and letters",
]
# Awaab's Law: damp and mould hazards (significant or emergency) from 27 October 2025.
AWAABS_LAW_FROM = max(EMERGENCY_HAZARDS_IN_FORCE, SIGNIFICANT_HAZARDS_IN_FORCE["damp_and_mould"])

# --- rates ----------------------------------------------------------------------------------

RESPONSIVE_PER_RENTED_HOME = 3.0  # responsive repairs a year to each low-cost rental home
RESPONSIVE_PER_OTHER_HOME = 0.3  # leasehold and shared-ownership homes: structure only
PLANNED_PER_RENTED_HOME = 0.15  # planned jobs a year (kitchens, boilers, windows…)
COMMUNAL_PER_BLOCK = 4.0  # communal repairs a year to each block
PRIORITY_MIX = (("E", 10), ("U", 30), ("R", 60))
CANCELLED, RECLASSIFIED = 0.025, 0.01
SATISFACTION_TAKEN = 0.30
GAS_SHARE = 0.85  # rented homes with a gas supply
HATE_INCIDENTS = 0.05
ESCALATED = 0.16  # of answered, not withdrawn stage 1 complaints: about 15% of all
OMBUDSMAN = 0.14  # of answered stage 2 complaints: about 2% of all
MAJOR_WORKS = 0.06  # of voids long enough for them: about 5% of all

# The council's repair priorities (code, name, amount, unit, emergency).
PRIORITIES = (
    ("E", "Emergency", 24, RepairPriority.Unit.HOURS, True),
    ("U", "Urgent", 5, RepairPriority.Unit.WORKING_DAYS, False),
    ("R", "Routine", 20, RepairPriority.Unit.WORKING_DAYS, False),
    ("P", "Planned", 90, RepairPriority.Unit.CALENDAR_DAYS, False),
)

# Weekly rent in 2026/27 by bedrooms (0 is a bedsit), before each home's own variation.
WEEKLY_RENT_2026 = {0: 92, 1: 99, 2: 111, 3: 123, 4: 133, 5: 140}
# Social rents rise each April (CPI + 1%; 7% cap in 2023). Later years assume 3%.
RENT_RISE = {2023: 0.07, 2024: 0.077, 2025: 0.027, 2026: 0.048}


@dataclass(frozen=True)
class RentPayer:
    pays: tuple[float, float]  # share of the rent due paid in a quarter without a catch-up
    catch_up: float  # chance of a quarter with a catch-up payment
    catch_up_share: tuple[float, float]  # share of the arrears it clears
    weeks_owed: float  # at most this many weeks' rent owed when the period begins


RENT_PAYERS = (
    RentPayer(pays=(1, 1), catch_up=0.6, catch_up_share=(1, 1), weeks_owed=0),  # in full
    RentPayer(pays=(0.85, 1), catch_up=0.35, catch_up_share=(0.5, 1), weeks_owed=2),  # now and then
    RentPayer(pays=(0.5, 0.95), catch_up=0.1, catch_up_share=(0.2, 0.6), weeks_owed=8),  # behind
)

T = Repair.Trade
# trade, weight, median cost (£)
TRADES = (
    (T.PLUMBING, 22, 110), (T.HEATING, 15, 160), (T.ELECTRICAL, 12, 95), (T.CARPENTRY, 17, 130),
    (T.ROOFING, 5, 320), (T.DAMP_MOULD, 5, 380), (T.DRAINAGE, 7, 140), (T.GLAZING, 5, 190),
    (T.PLASTERING, 7, 210), (T.OTHER, 5, 80),
)  # fmt: skip
TRADES_OUTSIDE = (
    (T.ROOFING, 40, 320),
    (T.DRAINAGE, 30, 140),
    (T.GLAZING, 10, 190),
    (T.OTHER, 20, 80),
)
COMMUNAL_COST = 170
WORK = {
    T.PLUMBING: ["Leak under the kitchen sink", "Toilet not flushing", "Dripping bath tap",
                 "Leaking pipe in the airing cupboard", "Blocked basin waste"],
    T.HEATING: ["No heating or hot water", "Boiler losing pressure", "Radiator not heating up",
                "Thermostat not working"],
    T.ELECTRICAL: ["Socket not working", "Hall light not working", "Extractor fan broken",
                   "Smoke alarm beeping", "Power keeps tripping"],
    T.CARPENTRY: ["Front door not locking", "Kitchen cupboard door hanging off",
                  "Window will not close", "Internal door sticking", "Loose stair banister"],
    T.ROOFING: ["Roof leaking into the bedroom", "Gutter overflowing", "Slipped roof tiles"],
    T.DAMP_MOULD: ["Black mould in the bathroom", "Damp patch on the bedroom wall",
                   "Condensation and mould around the windows", "Mould on the kitchen ceiling"],
    T.DRAINAGE: ["Blocked drain outside", "Blocked toilet", "Smell from the drains"],
    T.GLAZING: ["Cracked window pane", "Misted double-glazed unit", "Broken window"],
    T.PLASTERING: ["Cracked ceiling plaster", "Loose plaster in the hallway",
                   "Make good after a leak"],
    T.COMMUNAL: ["Door entry system not working", "Stairwell light out", "Lift out of service",
                 "Bin store door broken", "Communal window broken"],
    T.OTHER: ["Fence panel down", "Pest control needed", "Rotary washing line broken"],
}  # fmt: skip
# trade, description, median cost (£)
PLANNED = (
    (T.HEATING, "Boiler replacement", 3200), (T.CARPENTRY, "Kitchen replacement", 6500),
    (T.PLUMBING, "Bathroom replacement", 5200), (T.ELECTRICAL, "Rewire", 4500),
    (T.GLAZING, "Window replacement", 5800), (T.ROOFING, "Roof renewal", 9000),
    (T.CARPENTRY, "Front door replacement", 1400),
)  # fmt: skip
SPECIALISTS = {
    T.HEATING: "Metro Gas & Heating Ltd",
    T.ROOFING: "Irwell Roofing Ltd",
    T.DRAINAGE: "ClearFlow Drainage Ltd",
    T.GLAZING: "Pennine Glazing Ltd",
}
COUNCIL_CONTRACTORS = ("Northbrook Building Services", "Pennine Property Care Ltd")
PRAISE = [
    "Quick and tidy job.", "The operative was polite and explained everything.",
    "Fixed first time, thank you.", "They came when they said they would.",
]  # fmt: skip
GRUMBLES = [
    "I had to chase it several times.", "Nobody came to the first appointment.",
    "The job was not finished properly.", "It took far too long.",
]  # fmt: skip

C = Complaint.Category
COMPLAINT_CATEGORIES = (
    (C.REPAIRS, 38), (C.COMMUNICATION, 14), (C.STAFF, 8), (C.ASB, 7), (C.CLEANING, 8),
    (C.RENT, 6), (C.LETTINGS, 4), (C.SAFETY, 5), (C.OTHER, 10),
)  # fmt: skip
COMPLAINT_ABOUT = {
    C.REPAIRS: ["Repair still not done after several visits", "Missed repair appointment",
                "Poor quality of repair work"],
    C.COMMUNICATION: ["No reply to emails or calls", "Not told about works in the block"],
    C.STAFF: ["Rude member of staff", "Officer did not do what they promised"],
    C.ASB: ["Noise nuisance reports not acted on", "Not kept informed about an ASB case"],
    C.CLEANING: ["Stairwells not cleaned", "Bins overflowing", "Grass not cut"],
    C.RENT: ["Rent account wrong", "Service charge not explained"],
    C.LETTINGS: ["Home not ready when moving in", "Transfer request not progressed"],
    C.SAFETY: ["Fire door not fixed", "Gas check appointment problems"],
    C.OTHER: ["Parking on the estate", "Pest problem in the block"],
}  # fmt: skip
OUTCOMES = (
    (Complaint.Outcome.UPHELD, 35), (Complaint.Outcome.PARTLY, 25),
    (Complaint.Outcome.NOT_UPHELD, 35), (Complaint.Outcome.WITHDRAWN, 5),
)  # fmt: skip
A = AsbCase.Category
ASB_CATEGORIES = (
    (A.NOISE, 35), (A.HARASSMENT, 15), (A.VIOLENCE, 8), (A.VANDALISM, 10), (A.DRUGS, 12),
    (A.NUISANCE, 15), (A.OTHER, 5),
)  # fmt: skip
# Reports a matter is told in: most once, some again and again while the case is open.
ASB_REPORTS_PER_MATTER = ((1, 72), (2, 16), (3, 8), (4, 4))
ASB_ONLINE = 0.2  # of reports about a home, made from the resident's account
CH = AsbReport.Channel
ASB_CHANNELS = ((CH.PHONE, 50), (CH.EMAIL, 20), (CH.IN_PERSON, 20), (CH.LETTER, 5), (CH.OTHER, 5))
ASB_WORDS = {
    A.NOISE: ["Loud music from the flat above most nights after midnight.",
              "Shouting and banging on the landing late at night."],
    A.HARASSMENT: ["A neighbour keeps shouting abuse when I go out.",
                   "Notes pushed under my door telling me to move out."],
    A.VIOLENCE: ["A fight outside the block; one man was threatening people.",
                 "My neighbour threatened to hurt me."],
    A.VANDALISM: ["The entrance door glass was smashed again.",
                  "Graffiti sprayed on the bin store and the lift."],
    A.DRUGS: ["People dealing drugs in the stairwell in the evenings.",
              "Strong smell of cannabis and needles left by the garages."],
    A.NUISANCE: ["Rubbish dumped on the landing and motorbikes ridden on the grass.",
                 "Groups gathering in the entrance and blocking the door."],
    A.OTHER: ["A dog left barking all day and fouling the shared garden."],
}  # fmt: skip
ASB_AGAIN = [
    "It happened again last night.", "Still going on, and worse at weekends.",
    "It started again after a quiet week.", "Reporting it again as asked.",
]  # fmt: skip
V = Void.Reason
VOID_REASONS = (
    (V.MOVED_OUT, 38), (V.TRANSFER, 20), (V.DEATH, 18), (V.EVICTION, 5), (V.ABANDONMENT, 5),
    (V.DECANT, 2), (V.OTHER, 12),
)  # fmt: skip
Out = SafetyCheck.Outcome
# kind: (outcomes with weights, how many days early a check on time may be done)
SAFETY = {
    SafetyKind.GAS: (((Out.SATISFACTORY, 93), (Out.REMEDIAL, 6), (Out.FAILED, 1)), 56),
    SafetyKind.FIRE: (((Out.SATISFACTORY, 70), (Out.REMEDIAL, 29), (Out.FAILED, 1)), 30),
    SafetyKind.ASBESTOS: (((Out.SATISFACTORY, 86), (Out.REMEDIAL, 14)), 30),
    SafetyKind.WATER: (((Out.SATISFACTORY, 88), (Out.REMEDIAL, 12)), 30),
    SafetyKind.LIFT: (((Out.SATISFACTORY, 85), (Out.REMEDIAL, 13), (Out.FAILED, 2)), 21),
}
SAFETY_LOOKAHEAD = 60  # checks due this many days after `as_of` are already on the schedule
INSPECTION_PLACES = ["Estate grounds", "Play area", "Car park", "Bin stores", "Footpaths"]
INSPECTION_REPAIRS = [
    "Broken light on the footpath", "Graffiti on the garages", "Fly-tipping by the bin store",
    "Damaged bench in the play area", "Overgrown hedges", "Broken paving slabs",
]  # fmt: skip


@dataclass(frozen=True)
class Profile:
    """How well one organisation performs; every rate is a share (0–1) unless named."""

    repairs_on_time: float  # non-emergency repairs completed within the target
    emergency_on_time: float
    appointments_kept: float
    right_first_time: float
    non_decent: float  # rented homes not meeting the Decent Homes Standard
    arrears_share: float  # households persistently behind with the rent (5× as many now and then)
    complaints_per_1000: float  # stage 1 complaints a year per 1,000 homes
    complaints_on_time: float  # answered within the Code's timescale without extension
    asb_per_1000: float  # ASB cases a year per 1,000 homes
    safety_on_time: float  # safety checks done by their due date
    inspection_score: float  # mean estate inspection score, 1–5
    tenant_inspectors: float  # share of estate inspections by tenant inspectors


COUNCIL_PROFILE = Profile(0.87, 0.93, 0.88, 0.76, 0.08, 0.065, 43, 0.80, 31, 0.988, 3.3, 0.15)
BEST_PROFILE = Profile(0.95, 0.98, 0.95, 0.86, 0.03, 0.02, 28, 0.94, 24, 0.998, 4.2, 0.60)
PROFILES = {
    "brookfield-tmc": BEST_PROFILE,
    "kingsmead-tmo": Profile(0.92, 0.96, 0.92, 0.82, 0.05, 0.04, 36, 0.88, 30, 0.994, 3.8, 0.4),
    "marsh-lane-emb": Profile(0.89, 0.95, 0.90, 0.79, 0.09, 0.055, 40, 0.84, 34, 0.99, 3.5, 0.35),
}


def _profile_between(share: float) -> Profile:
    """A profile `share` of the way from the council's to the best."""
    return Profile(
        *(
            council + (best - council) * share
            for council, best in zip(
                vars(COUNCIL_PROFILE).values(), vars(BEST_PROFILE).values(), strict=True
            )
        )
    )


@dataclass
class RecordCounts:
    priorities: int = 0
    repairs: int = 0
    voids: int = 0
    rent_periods: int = 0
    complaints: int = 0
    asb_cases: int = 0
    asb_reports: int = 0
    safety_requirements: int = 0
    safety_checks: int = 0
    decent_homes_statuses: int = 0
    estate_inspections: int = 0


def period_start(as_of: date, years: int) -> date:
    """1 April of the first of `years` financial years, the last being the one holding as_of."""
    if years < 1:
        raise ValueError("Records need at least one financial year.")
    first = (as_of.year if as_of.month >= 4 else as_of.year - 1) - (years - 1)
    return date(first, 4, 1)


def generate_records(
    *,
    landlord: Organisation,
    seed: int,
    as_of: date,
    years: int,
    progress: Callable[[str], None] = lambda message: None,
    now: datetime | None = None,
) -> RecordCounts:
    """Write `years` financial years of service records for the landlord's homes."""
    return _Records(
        landlord=landlord,
        seed=seed,
        as_of=as_of,
        years=years,
        progress=progress,
        now=now or timezone.now(),
    ).run()


class _Writer:
    """Writes records of each model in batches of `BATCH`, straight to the database.

    Records are plain dicts keyed by field attname; fields left out take the model's default.
    The values go to the database driver as they are (COPY on PostgreSQL, executemany
    elsewhere): building a model instance and letting `bulk_create` prepare each value costs
    several times more than making the record, and this runs millions of times.
    """

    def __init__(self):
        self.connection = connections[router.db_for_write(Repair)]
        self.sqlite = self.connection.vendor == "sqlite"
        self.now = timezone.now()
        self.pending: dict[type, list[tuple]] = defaultdict(list)
        self.counts: dict[type, int] = defaultdict(int)
        self.specs: dict[type, tuple[dict, tuple[str, ...], str]] = {}

    def _spec(self, model: type) -> tuple[dict, tuple[str, ...], str]:
        fields = [f for f in model._meta.concrete_fields if not f.primary_key]
        defaults = {}
        for f in fields:
            if getattr(f, "auto_now", False) or getattr(f, "auto_now_add", False):
                defaults[f.attname] = self._value(self.now)
            else:  # the field's default: "" for text, None for nullable fields
                defaults[f.attname] = f.get_default()
        moments = tuple(f.attname for f in fields if isinstance(f, DateTimeField))
        quote = self.connection.ops.quote_name
        columns = ", ".join(quote(f.column) for f in fields)
        table = quote(model._meta.db_table)
        if self.connection.vendor == "postgresql":
            sql = f"COPY {table} ({columns}) FROM STDIN"
        else:
            placeholders = ", ".join(["%s"] * len(fields))
            sql = f"INSERT INTO {table} ({columns}) VALUES ({placeholders})"
        self.specs[model] = defaults, moments, sql
        return self.specs[model]

    def _value(self, moment: datetime | None):
        # SQLite keeps UTC wall-clock text, as Django's own adapter does.
        if moment is None or not self.sqlite:
            return moment
        return moment.astimezone(UTC).replace(tzinfo=None)

    def add(self, model: type, record: dict) -> None:
        defaults, moments, _sql = self.specs.get(model) or self._spec(model)
        row = defaults.copy()
        row.update(record)
        if len(row) != len(defaults):
            raise TypeError(f"{model.__name__} has no field {set(row) - set(defaults)}")
        if self.sqlite:
            for name in moments:
                if row[name] is not None:
                    row[name] = self._value(row[name])
        pending = self.pending[model]
        pending.append(tuple(row.values()))
        if len(pending) >= BATCH:
            self.flush(model)

    def flush(self, model: type | None = None) -> None:
        for each in [model] if model else list(self.pending):
            rows = self.pending[each]
            if not rows:
                continue
            sql = self.specs[each][2]
            with self.connection.cursor() as cursor:
                if self.connection.vendor == "postgresql":
                    with cursor.cursor.copy(sql) as copy:
                        for row in rows:
                            copy.write_row(row)
                else:
                    cursor.executemany(sql, rows)
            self.counts[each] += len(rows)
            self.pending[each] = []


def _money(pennies: int) -> Decimal:
    return Decimal(pennies).scaleb(-2)


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    """A wall-clock time in England on `day`."""
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=LONDON)


def _add_months(day: date, months: int) -> date:
    years, month = divmod(day.month - 1 + months, 12)
    return day.replace(year=day.year + years, month=month + 1)  # days are kept to 1–28


def _cumulative(pairs) -> tuple[list, list[int]]:
    values, weights, total = [], [], 0
    for value, weight, *_rest in pairs:
        total += weight
        values.append(value)
        weights.append(total)
    return values, weights


class _Records:
    def __init__(self, *, landlord, seed, as_of, years, progress, now):
        self.landlord, self.seed, self.as_of, self.progress = landlord, seed, as_of, progress
        self.start = period_start(as_of, years)
        self.days = (as_of - self.start).days + 1
        # The records describe the landlord at the end of the as_of day, or now if that is today.
        self.day_starts = _at(as_of, 0).astimezone(UTC)
        self.day_ends = _at(as_of + DAY, 0).astimezone(UTC)
        today = now.astimezone(LONDON).date() == as_of
        self.cutoff = now.astimezone(UTC) if today else self.day_ends
        self.writer = _Writer()
        self.sequence: dict[str, int] = defaultdict(int)
        self.asb_cases = 0
        self._load()

    def _by_cutoff(self, moment: datetime) -> datetime:
        """`moment`, or, if it is later today than now, the same share of the part of the day
        gone by, to the minute: a repair reported at 23:00 when it is 06:00 is reported at 05:45.
        The random draws stay the same, so the day's other records do not change."""
        if moment < self.cutoff:
            return moment
        gone = (self.cutoff - self.day_starts) / (self.day_ends - self.day_starts)
        moved = self.day_starts + (moment.astimezone(UTC) - self.day_starts) * gone
        return moved.replace(second=0, microsecond=0).astimezone(LONDON)

    # --- what exists already --------------------------------------------------------------

    def _load(self) -> None:
        landlord = self.landlord
        self.council = landlord.pk
        self.organisations = {
            o.pk: o for o in Organisation.objects.filter(Q(pk=landlord.pk) | Q(landlord=landlord))
        }
        self.profiles = {pk: self._profile(o) for pk, o in self.organisations.items()}
        # What each organisation runs: records of a service it does not run are the council's.
        self.services: dict[int, set[str]] = defaultdict(set)
        for organisation, services in ManagementAgreement.objects.filter(
            landlord=landlord
        ).values_list("organisation_id", "services"):
            self.services[organisation].update(services)
        self.coverage: dict[int, list[tuple[date, date | None, int]]] = defaultdict(list)
        for home_id, starts, ends, organisation in (
            Coverage.objects.filter(home__landlord=landlord)
            .order_by("home_id", "starts_on")
            .values_list("home_id", "starts_on", "ends_on", "agreement__organisation_id")
        ):
            self.coverage[home_id].append((starts, ends, organisation))
        # (pk, estate, block, bedrooms, stock type), in a fixed order.
        self.homes = list(
            Home.objects.filter(landlord=landlord)
            .order_by("pk")
            .values_list("pk", "estate_id", "block_id", "bedrooms", "stock_type")
        )
        self.households: dict[int, list[tuple]] = defaultdict(list)
        for row in (
            Household.objects.filter(home__landlord=landlord)
            .order_by("home_id", "started_on", "pk")
            .values_list("pk", "home_id", "reference", "started_on", "ended_on")
            .iterator(chunk_size=BATCH)
        ):
            self.households[row[1]].append(row)
        self.blocks = list(
            Block.objects.filter(estate__landlord=landlord)
            .order_by("pk")
            .values_list("pk", "estate_id", "name", "has_lift")
        )
        self.estates = list(
            Estate.objects.filter(landlord=landlord).order_by("pk").values_list("pk", "name")
        )
        # Blocks and estates are managed with their homes: the first home stands for them.
        self.block_home: dict[int, int] = {}
        self.estate_home: dict[int, int] = {}
        self.estate_blocks: dict[int, list[tuple]] = defaultdict(list)
        for pk, estate, block, *_rest in self.homes:
            self.estate_home.setdefault(estate, pk)
            if block:
                self.block_home.setdefault(block, pk)
        for block in self.blocks:
            self.estate_blocks[block[1]].append(block)

    def _profile(self, organisation: Organisation) -> Profile:
        if organisation.pk == self.landlord.pk:
            return COUNCIL_PROFILE
        if organisation.slug in PROFILES:
            return PROFILES[organisation.slug]
        # Other organisations fall somewhere between the council and the best, the same
        # place every time.
        return _profile_between(random.Random(f"profile:{organisation.slug}").uniform(0.1, 0.9))

    def _rng(self, kind: str) -> random.Random:
        return random.Random(f"tenantry-records:{self.seed}:{kind}")

    def _reference(self, prefix: str, digits: int) -> str:
        self.sequence[prefix] += 1
        return f"{prefix}{self.sequence[prefix]:0{digits}d}"

    def _responsible(self, home: int, day: date, service: str) -> int:
        """The organisation responsible for the service to the home on the day."""
        for starts, ends, organisation in self.coverage.get(home, ()):
            if starts <= day and (ends is None or day <= ends):
                return organisation if service in self.services[organisation] else self.council
        return self.council

    def _pieces(
        self, home: int, first: date, last: date, service: str
    ) -> list[tuple[date, date, int]]:
        """[first, last] cut where responsibility for the home changes: (from, to, organisation)."""
        spans = self.coverage.get(home)
        if not spans:
            return [(first, last, self.council)]
        cuts = {first}
        for starts, ends, _organisation in spans:
            if first < starts <= last:
                cuts.add(starts)
            if ends is not None and first <= ends < last:
                cuts.add(ends + DAY)
        cuts = sorted(cuts)
        pieces: list[tuple[date, date, int]] = []
        for i, cut in enumerate(cuts):
            until = cuts[i + 1] - DAY if i + 1 < len(cuts) else last
            organisation = self._responsible(home, cut, service)
            if pieces and pieces[-1][2] == organisation:
                pieces[-1] = (pieces[-1][0], until, organisation)
            else:
                pieces.append((cut, until, organisation))
        return pieces

    def _arrivals(self, rng: random.Random, per_year: float) -> Iterator[date]:
        """Days in the period on which events happening `per_year` times a year fall."""
        rate, at = per_year / 365.25, 0.0
        while True:
            at += rng.expovariate(rate)
            if at >= self.days:
                return
            yield self.start + timedelta(days=int(at))

    # --- the run ----------------------------------------------------------------------------

    def run(self) -> RecordCounts:
        self._priorities()
        counts = self.writer.counts
        for step in (
            self._repairs,
            self._voids,
            self._rent,
            self._complaints,
            self._asb,
            self._safety,
            self._decent_homes,
            self._inspections,
        ):
            before = dict(counts)
            step()
            self.writer.flush()
            if step == self._safety:
                forget_intervals()  # written in bulk: no signal tells records/safety.py
            self.progress(
                " and ".join(
                    f"{n - before.get(model, 0):,} {model._meta.verbose_name_plural}"
                    for model, n in counts.items()
                    if n != before.get(model, 0)
                )
            )
        return RecordCounts(
            priorities=len(self.priorities),
            repairs=counts[Repair],
            voids=counts[Void],
            rent_periods=counts[RentPeriod],
            complaints=counts[Complaint],
            asb_cases=self.asb_cases,
            asb_reports=counts[AsbReport],
            safety_requirements=counts[SafetyRequirement],
            safety_checks=counts[SafetyCheck],
            decent_homes_statuses=counts[DecentHomesStatus],
            estate_inspections=counts[EstateInspection],
        )

    def _priorities(self) -> None:
        self.priorities = {}
        for code, name, amount, unit, emergency in PRIORITIES:
            self.priorities[code], _created = RepairPriority.objects.get_or_create(
                landlord=self.landlord,
                code=code,
                defaults={
                    "name": name,
                    "target_amount": amount,
                    "target_unit": unit,
                    "is_emergency": emergency,
                },
            )
        self.timescales = {code: p.timescale for code, p in self.priorities.items()}
        self.priority_mix = _cumulative(PRIORITY_MIX)

    # --- repairs ----------------------------------------------------------------------------

    def _repairs(self) -> None:
        rng = self._rng("repairs")
        trades, trade_weights = _cumulative(TRADES)
        outside, outside_weights = _cumulative(TRADES_OUTSIDE)
        self.trade_cost = {trade: cost for trade, _w, cost in TRADES + TRADES_OUTSIDE}
        self.trade_cost[T.COMMUNAL] = COMMUNAL_COST
        for home, _estate, _block, _bedrooms, stock in self.homes:
            if stock == StockType.LOW_COST_RENTAL:
                for day in self._arrivals(rng, RESPONSIVE_PER_RENTED_HOME):
                    trade = rng.choices(trades, cum_weights=trade_weights)[0]
                    self._repair(rng, home, None, day, trade)
                for day in self._arrivals(rng, PLANNED_PER_RENTED_HOME):
                    self._planned(rng, home, day)
            else:
                for day in self._arrivals(rng, RESPONSIVE_PER_OTHER_HOME):
                    trade = rng.choices(outside, cum_weights=outside_weights)[0]
                    self._repair(rng, home, None, day, trade)
        for block, _estate, _name, _lift in self.blocks:
            for day in self._arrivals(rng, COMMUNAL_PER_BLOCK):
                self._repair(rng, self.block_home[block], block, day, T.COMMUNAL)

    def _repair(self, rng, home: int, block: int | None, day: date, trade: str) -> None:
        """One responsive repair to a home (or, with `block`, to a block's communal parts)."""
        organisation = self._responsible(home, day, "repairs")
        profile = self.profiles[organisation]
        code = rng.choices(self.priority_mix[0], cum_weights=self.priority_mix[1])[0]
        hazard = ""
        if trade == T.DAMP_MOULD:
            code = "U" if rng.random() < 0.4 else "R"
            # Awaab's Law applies to hazards the landlord became aware of from 27 Oct 2025.
            if day >= AWAABS_LAW_FROM:
                u = rng.random()
                hazard = "emergency" if u < 0.04 else "significant" if u < 0.45 else ""
                code = "E" if hazard == "emergency" else "R" if hazard else code
        if code == "E":
            reported = _at(day, rng.randrange(24), rng.randrange(60))
        else:
            reported = _at(day, rng.randrange(8, 20), rng.randrange(60))
        reported = self._by_cutoff(reported)
        repair = dict(
            organisation_id=organisation,
            reference=self._reference("R", 8),
            home_id=None if block else home,
            block_id=block,
            kind=Repair.Kind.RESPONSIVE,
            priority_id=self.priorities[code].pk,
            trade=trade,
            description=rng.choice(WORK[trade]),
            reported_at=reported,
            due_at=self.timescales[code].due(reported),
            hazard=hazard,
        )
        u = rng.random()
        if u < CANCELLED + RECLASSIFIED and not hazard:
            repair["status"] = (
                Repair.Status.CANCELLED if u < CANCELLED else Repair.Status.RECLASSIFIED
            )
            self.writer.add(Repair, repair)
            return
        if hazard:
            completed = self._hazard_steps(rng, repair, profile)
        else:
            on_time = rng.random() < (
                profile.emergency_on_time if code == "E" else profile.repairs_on_time
            )
            completed = self._completion(rng, reported, self.timescales[code], on_time)
        if code != "E" and completed is not None:
            self._appointment(rng, repair, profile, completed)
        cost = self.trade_cost[trade] * (1.3 if code == "E" else 1)
        self._finish(rng, repair, profile, completed, self.timescales[code], cost)
        self.writer.add(Repair, repair)

    def _planned(self, rng, home: int, day: date) -> None:
        organisation = self._responsible(home, day, "repairs")
        profile = self.profiles[organisation]
        trade, description, cost = rng.choice(PLANNED)
        repair = dict(
            organisation_id=organisation,
            reference=self._reference("R", 8),
            home_id=home,
            kind=Repair.Kind.PLANNED,
            priority_id=self.priorities["P"].pk,
            trade=trade,
            description=description,
            reported_at=self._by_cutoff(_at(day, rng.randrange(9, 17), rng.randrange(60))),
        )
        repair["due_at"] = self.timescales["P"].due(repair["reported_at"])
        if rng.random() < CANCELLED:
            repair["status"] = Repair.Status.CANCELLED
            self.writer.add(Repair, repair)
            return
        timescale = self.timescales["P"]
        completed = self._completion(rng, repair["reported_at"], timescale, rng.random() < 0.9)
        self._appointment(rng, repair, profile, completed)
        self._finish(rng, repair, profile, completed, timescale, cost)
        self.writer.add(Repair, repair)

    def _completion(self, rng, reported: datetime, timescale: Timescale, on_time: bool):
        """When a repair reported at `reported` is done, within its timescale or not."""
        amount = timescale.amount
        if timescale.unit == "hours":
            hours = (
                rng.triangular(0.5, amount - 0.1, amount / 5)
                if on_time
                else rng.uniform(amount + 0.1, amount * 4)
            )
            return reported.astimezone(UTC) + timedelta(hours=hours)
        # Days: done on the k-th working (or calendar) day after the report, at a working hour.
        if on_time:
            k = max(1, min(amount, round(rng.triangular(1, amount, amount * 0.6))))
        else:
            k = amount + 1 + int(rng.expovariate(1 / (2 + amount * 0.5)))
        done_on = Timescale(k, timescale.unit).due_on(reported.date())
        return _at(done_on, rng.randrange(8, 17), rng.randrange(60))

    def _appointment(self, rng, repair: dict, profile: Profile, completed: datetime) -> None:
        """An appointment slot (8am or noon) on the day of completion, or an earlier missed one."""
        done_on = completed.astimezone(LONDON).date()
        reported_on = repair["reported_at"].date()
        kept = rng.random() < profile.appointments_kept
        if not kept:
            # The missed appointment fell between the report and the day the job was done.
            gap = (done_on - reported_on).days
            if gap < 2:
                kept = True
            else:
                missed = reported_on + timedelta(days=rng.randrange(1, gap))
                while not is_working_day(missed) and missed < done_on - DAY:
                    missed += DAY
                appointment = _at(missed, rng.choice((8, 12)))
        if kept:
            appointment = _at(done_on, 8 if completed.astimezone(LONDON).hour < 12 else 12)
            appointment = max(appointment, repair["reported_at"])
        repair["appointment_at"] = appointment
        if appointment < self.cutoff:
            repair["appointment_kept"] = kept

    def _finish(self, rng, repair, profile, completed, timescale, cost: float) -> None:
        """Completion, cost, right first time and satisfaction, if done by the end of as_of."""
        if completed is None or completed >= self.cutoff:
            return  # still open
        repair["status"] = Repair.Status.COMPLETED
        repair["completed_at"] = completed
        met = timescale.met(repair["reported_at"], completed)
        repair["right_first_time"] = rng.random() < profile.right_first_time - (0 if met else 0.15)
        repair["cost"] = _money(round(cost * rng.lognormvariate(0, 0.5) * 100))
        repair["contractor"] = self._contractor(rng, repair["organisation_id"], repair["trade"])
        if rng.random() < SATISFACTION_TAKEN:
            good = met and repair["right_first_time"]
            weights = (3, 4, 8, 30, 55) if good else (15, 15, 20, 28, 22)
            repair["satisfaction"] = rng.choices((1, 2, 3, 4, 5), weights)[0]
            if rng.random() < 0.25:
                repair["satisfaction_comment"] = rng.choice(
                    PRAISE if repair["satisfaction"] >= 4 else GRUMBLES
                )

    def _contractor(self, rng, organisation: int, trade: str) -> str:
        if trade in SPECIALISTS:
            return SPECIALISTS[trade]
        if organisation == self.council:
            return rng.choice(COUNCIL_CONTRACTORS)
        return f"{self.organisations[organisation].name} repairs team"

    def _hazard_steps(self, rng, repair: dict, profile: Profile) -> datetime | None:
        """Awaab's Law dates for a damp and mould hazard; the repair is done with the safety
        work (significant) or when made safe (emergency). Returns when it was completed."""
        reported = repair["reported_at"]
        on_time = profile.repairs_on_time  # the same people do the work
        steps = AWAABS_LAW_TIMESCALES
        if repair["hazard"] == Repair.Hazard.EMERGENCY:
            limit = steps[HazardStep.MAKE_SAFE].amount
            hours = (
                rng.triangular(1, limit - 0.5, 6)
                if rng.random() < profile.emergency_on_time
                else rng.uniform(limit + 0.5, limit * 2.5)
            )
            made_safe = reported.astimezone(UTC) + timedelta(hours=hours)
            investigated = reported.astimezone(UTC) + timedelta(hours=hours * rng.uniform(0.3, 0.9))
            if investigated < self.cutoff:
                repair["investigated_at"] = investigated
            if made_safe < self.cutoff:
                repair["made_safe_at"] = made_safe
                return made_safe
            return None

        def within(limit: int, p: float, start: date) -> date:
            k = rng.randint(1, limit) if rng.random() < p else limit + rng.randint(1, limit)
            return add_working_days(start, k)

        investigated_on = within(steps[HazardStep.INVESTIGATE].amount, on_time, reported.date())
        if investigated_on > self.as_of:
            return None
        u = rng.random()
        if u < 0.05:
            # No way in: the case is closed with the reason, and no step is dated (a step with
            # no date is never met, docs/deadlines.md).
            repair["hazard_dates_reason"] = rng.choice(NO_ACCESS_REASONS)
            return max(_at(investigated_on, rng.randrange(10, 17)), reported)
        investigated = max(self._by_cutoff(_at(investigated_on, rng.randrange(9, 16))), reported)
        repair["investigated_at"] = investigated
        summary = within(steps[HazardStep.WRITTEN_SUMMARY].amount, on_time + 0.03, investigated_on)
        safety = within(steps[HazardStep.SAFETY_WORK].amount, on_time - 0.02, investigated_on)
        repair["summary_sent_on"] = summary if summary <= self.as_of else None
        if u < 0.15 and repair["summary_sent_on"]:
            repair["hazard_dates_reason"] = (
                "No hazard found on investigation: condensation "
                "advice given, no safety or further works needed"
            )
            return investigated
        if rng.random() < 0.5:  # further works needed
            if rng.random() < 0.4:
                further = within(steps[HazardStep.FURTHER_WORKS].amount, on_time, investigated_on)
            else:  # not possible within 5 working days: the 12-week longstop
                longstop = FURTHER_WORKS_LONGSTOP.amount
                further = investigated_on + timedelta(
                    days=rng.randint(10, longstop)
                    if rng.random() < on_time
                    else rng.randint(longstop + 1, longstop + 40)
                )
            repair["further_works_started_on"] = further if further <= self.as_of else None
        else:
            repair["hazard_dates_reason"] = "No further works needed: the safety work put it right"
        if safety > self.as_of:
            return None
        repair["safety_work_done_on"] = safety
        if repair["summary_sent_on"] is None or (
            "further_works_started_on" in repair and repair["further_works_started_on"] is None
        ):
            return None  # open until every step has its date (docs/deadlines.md)
        return max(_at(safety, rng.randrange(10, 17)), investigated)

    # --- voids ------------------------------------------------------------------------------

    def _voids(self) -> None:
        """A void for each rented home's tenancy that ended, until the next tenancy began."""
        rng = self._rng("voids")
        reasons, reason_weights = _cumulative(VOID_REASONS)
        for home, _estate, _block, _bedrooms, stock in self.homes:
            if stock != StockType.LOW_COST_RENTAL:
                continue  # leasehold and shared-ownership homes are sold on, not re-let
            households = self.households.get(home, ())
            for i, (_pk, _home, _ref, _started, ended) in enumerate(households):
                if ended is None:
                    continue
                following = households[i + 1][3] if i + 1 < len(households) else None
                reason = rng.choices(reasons, cum_weights=reason_weights)[0]
                self.writer.add(Void, self._void(rng, home, ended, following, reason))

    def _void(self, rng, home: int, ended: date, let: date | None, reason: str) -> dict:
        horizon = let or self.as_of
        keys = ended + timedelta(days=min(rng.randint(0, 7), max(0, (horizon - ended).days)))
        gap = (horizon - ended).days
        major = reason == V.DECANT or (gap >= 40 and rng.random() < MAJOR_WORKS)
        if let is not None:
            # Works fill most of the time between the keys coming back and the new tenancy.
            left = (let - keys).days
            works_start = keys + timedelta(days=int(left * rng.uniform(0, 0.15)))
            share = rng.uniform(0.7, 0.9) if major else rng.uniform(0.35, 0.75)
            works_end = works_start + timedelta(days=int((let - works_start).days * share))
            ready = works_end + timedelta(days=int((let - works_end).days * rng.uniform(0, 0.5)))
        else:
            # Still empty: the steps so far, at their usual pace.
            works_start = keys + timedelta(days=rng.randint(0, 5))
            works_end = works_start + timedelta(
                days=rng.randint(40, 120) if major else rng.randint(7, 30)
            )
            ready = works_end + timedelta(days=rng.randint(0, 3))

        def known(day: date) -> date | None:
            return day if day <= self.as_of else None

        return dict(
            organisation_id=self._responsible(home, ended, "voids_lettings"),
            reference=self._reference("V", 7),
            home_id=home,
            reason=reason,
            tenancy_ended_on=ended,
            keys_returned_on=known(keys),
            works_started_on=known(works_start),
            works_completed_on=known(works_end),
            major_works=major,
            ready_to_let_on=known(ready),
            new_tenancy_started_on=let,
        )

    # --- rent -------------------------------------------------------------------------------

    def _quarters(self) -> list[tuple[date, date, str]]:
        """The financial quarters of the period (the last cut at as_of), with labels."""
        quarters, first = [], self.start
        while first <= self.as_of:
            last = _add_months(first, 3) - DAY
            year = first.year if first.month >= 4 else first.year - 1
            number = (first.month - 4) % 12 // 3 + 1
            quarters.append((first, last, f"{year}-{(year + 1) % 100:02d}Q{number}"))
            first = last + DAY
        return quarters

    def _rent_factor(self, year: int) -> float:
        """Rent in financial year `year` relative to 2026/27."""
        factor = 1.0
        for y in range(year + 1, 2027):
            factor /= 1 + RENT_RISE.get(y, 0.03)
        for y in range(2027, year + 1):
            factor *= 1 + RENT_RISE.get(y, 0.03)
        return factor

    def _rent(self) -> None:
        """One rent period per household per financial quarter (split if the manager changed)."""
        rng = self._rng("rent")
        quarters = self._quarters()
        factors = {q[0]: self._rent_factor(q[0].year if q[0].month >= 4 else q[0].year - 1)
                   for q in quarters}  # fmt: skip
        for home, _estate, _block, bedrooms, stock in self.homes:
            if stock != StockType.LOW_COST_RENTAL:
                continue
            weekly_2026 = WEEKLY_RENT_2026[min(bedrooms, 5)] * rng.uniform(0.95, 1.07)
            for household, _home, reference, started, ended in self.households.get(home, ()):
                first, last = max(started, self.start), min(ended or self.as_of, self.as_of)
                if first > last:
                    continue
                # Most pay in full; some fall behind now and then and catch up; a few are
                # persistently behind (see RENT_PAYERS).
                share = self.profiles[
                    self._responsible(home, first, "rent_collection")
                ].arrears_share
                u = rng.random()
                payer = RENT_PAYERS[2 if u < share else 1 if u < 6 * share else 0]
                weekly = weekly_2026 * 100  # pennies
                arrears = 0
                if started < self.start:  # what was owed when the period began
                    arrears = round(weekly * rng.uniform(0, payer.weeks_owed))
                for q_first, q_last, label in quarters:
                    a, b = max(q_first, first), min(q_last, last)
                    if a > b:
                        continue
                    quarter_days = (q_last - q_first).days + 1
                    for n, (p_first, p_last, organisation) in enumerate(
                        self._pieces(home, a, b, "rent_collection")
                    ):
                        days = (p_last - p_first).days + 1
                        due = round(weekly * factors[q_first] * 13 * days / quarter_days)
                        if rng.random() < payer.catch_up:  # paying off what is owed
                            paid = due + round(arrears * rng.uniform(*payer.catch_up_share))
                        else:
                            paid = round(due * rng.uniform(*payer.pays))
                        paid = min(paid, arrears + due)
                        written_off = 0
                        owed = arrears + due - paid
                        if owed > 0 and ended is not None and p_last == ended:
                            if rng.random() < 0.35:  # former tenant arrears written off
                                written_off = owed
                        elif owed > 0 and payer.weeks_owed > 2 and rng.random() < 0.005:
                            written_off = round(owed * rng.uniform(0.1, 0.5))
                        carried = owed - written_off
                        self.writer.add(
                            RentPeriod,
                            dict(
                                organisation_id=organisation,
                                reference=f"{reference}-{label}" + (f"-{n + 1}" if n else ""),
                                household_id=household,
                                starts_on=p_first,
                                ends_on=p_last,
                                arrears_brought_forward=_money(arrears),
                                rent_due=_money(due),
                                collected=_money(paid),
                                written_off=_money(written_off),
                                arrears_carried_forward=_money(carried),
                            ),
                        )
                        arrears = carried

    # --- complaints and ASB -----------------------------------------------------------------

    def _complaints(self) -> None:
        rng = self._rng("complaints")
        categories, category_weights = _cumulative(COMPLAINT_CATEGORIES)
        outcomes, outcome_weights = _cumulative(OUTCOMES)
        most = max(p.complaints_per_1000 for p in self.profiles.values())
        for home, *_rest in self.homes:
            for day in self._arrivals(rng, most / 1000):
                received = self._next_working_day(day)
                if received > self.as_of:
                    continue
                organisation = self._responsible(home, received, "complaints")
                profile = self.profiles[organisation]
                if rng.random() >= profile.complaints_per_1000 / most:
                    continue  # fewer complaints where the service is better
                category = rng.choices(categories, cum_weights=category_weights)[0]
                complaint = dict(
                    organisation_id=organisation,
                    reference=self._reference("C", 7),
                    home_id=home,
                    category=category,
                    description=rng.choice(COMPLAINT_ABOUT[category]),
                    received_on=received,
                )
                outcome = rng.choices(outcomes, cum_weights=outcome_weights)[0]
                answered = self._stage(rng, complaint, 1, received, profile.complaints_on_time)
                if answered:
                    complaint["outcome"] = outcome
                    if outcome != Complaint.Outcome.WITHDRAWN and rng.random() < ESCALATED:
                        escalated = answered + timedelta(days=rng.randint(1, 28))
                        if escalated <= self.as_of:
                            complaint["escalated_on"] = escalated
                            complaint["outcome"] = ""
                            p = profile.complaints_on_time - 0.05
                            final = self._stage(rng, complaint, 2, escalated, p)
                            if final:
                                complaint["outcome"] = rng.choices(
                                    outcomes[:3], cum_weights=(25, 50, 100)
                                )[0]
                                if rng.random() < OMBUDSMAN:
                                    referred = final + timedelta(days=rng.randint(10, 150))
                                    if referred <= self.as_of:
                                        complaint["referred_to_ombudsman_on"] = referred
                self.writer.add(Complaint, complaint)

    def _stage(self, rng, complaint, stage: int, received: date, on_time: float) -> date | None:
        """Acknowledge and answer one stage; returns the day answered, if by as_of."""
        limits = COMPLAINT_TIMESCALES[stage]
        if rng.random() < min(0.98, on_time + 0.1):
            acknowledged = add_working_days(received, rng.randint(0, limits.acknowledge))
        else:
            acknowledged = add_working_days(received, limits.acknowledge + rng.randint(1, 5))
        if acknowledged > self.as_of:
            return None
        complaint[f"stage{stage}_acknowledged_on"] = acknowledged
        due = complaint_deadlines(stage, received, acknowledged, 0)
        counted_from = min(acknowledged, due.acknowledge_by)
        u, extension = rng.random(), 0
        if u < on_time:
            answered = add_working_days(counted_from, rng.randint(1, limits.respond))
        elif u < on_time + (1 - on_time) * 0.45:  # extended, and answered within it
            extension = rng.randint(2, limits.extension)
            answered = add_working_days(due.respond_by, rng.randint(1, extension))
        else:  # late; sometimes despite an extension
            if rng.random() < 0.3:
                extension = rng.randint(2, limits.extension // 2)
            answered = add_working_days(due.respond_by, extension + rng.randint(1, 15))
        answered = max(answered, acknowledged)
        complaint[f"stage{stage}_extension_days"] = extension
        if answered > self.as_of:
            return None
        complaint[f"stage{stage}_responded_on"] = answered
        return answered

    def _next_working_day(self, day: date) -> date:
        while not is_working_day(day):
            day += DAY
        return day

    def _asb(self) -> None:
        """Matters of anti-social behaviour, each told to the organisation in one or more
        reports; `records.asb` then puts every report in its case, as it does for any import."""
        rng = self._rng("asb")
        categories, category_weights = _cumulative(ASB_CATEGORIES)
        repeats, repeat_weights = _cumulative(ASB_REPORTS_PER_MATTER)
        channels, channel_weights = _cumulative(ASB_CHANNELS)
        most = max(p.asb_per_1000 for p in self.profiles.values())
        residents = dict(
            Resident.objects.filter(user__isnull=False, household__ended_on__isnull=True)
            .values_list("household__home_id", "user_id")
            .order_by("pk")
        )
        given: dict[int, dict[str, tuple]] = defaultdict(dict)
        for home, estate, *_rest in self.homes:
            for opened in self._arrivals(rng, most / 1000):
                organisation = self._responsible(home, opened, "asb")
                if rng.random() >= self.profiles[organisation].asb_per_1000 / most:
                    continue
                closed = opened + timedelta(days=1 + int(rng.expovariate(1 / 45)))
                closed_on = closed if closed <= self.as_of else None
                # Some reports are about the estate rather than one home.
                about_home = home if rng.random() < 0.8 else None
                category = rng.choices(categories, cum_weights=category_weights)[0]
                hate = rng.random() < HATE_INCIDENTS
                last = min(closed, self.as_of)
                count = rng.choices(repeats, cum_weights=repeat_weights)[0]
                days = sorted(
                    [opened]
                    + [
                        opened + timedelta(days=rng.randint(0, (last - opened).days))
                        for _ in range(count - 1)
                    ]
                )
                for number, day in enumerate(days):
                    online = about_home is not None and rng.random() < ASB_ONLINE
                    user = residents.get(about_home) if online else None
                    first, surname = rng.choice(names.FIRST_NAMES), rng.choice(names.LAST_NAMES)
                    reference = self._reference("AR", 7)
                    self.writer.add(
                        AsbReport,
                        dict(
                            organisation_id=organisation,
                            reference=reference,
                            home_id=about_home,
                            estate_id=estate,
                            category=category,
                            # Often only a later report says the behaviour was hate-motivated.
                            is_hate_incident=hate and (number > 0 or rng.random() < 0.5),
                            received_on=day,
                            channel=AsbReport.Channel.ONLINE
                            if online
                            else rng.choices(channels, cum_weights=channel_weights)[0],
                            reporter_name=f"{first} {surname}" if rng.random() < 0.85 else "",
                            reported_by_id=user,
                            description=rng.choice(ASB_WORDS[category])
                            if number == 0
                            else rng.choice(ASB_AGAIN),
                        ),
                    )
                    given[organisation][reference] = (None, closed_on)
        # The demo resident reported noise online a few days ago; it is still being dealt with.
        estate_of = {home: estate for home, estate, *_rest in self.homes}
        for home, user in residents.items():
            if home not in estate_of:
                continue
            day = self.as_of - timedelta(days=5)
            organisation = self._responsible(home, day, "asb")
            reference = self._reference("AR", 7)
            self.writer.add(
                AsbReport,
                dict(
                    organisation_id=organisation,
                    reference=reference,
                    home_id=home,
                    estate_id=estate_of[home],
                    category=AsbCase.Category.NOISE,
                    received_on=day,
                    channel=AsbReport.Channel.ONLINE,
                    reporter_name="",
                    reported_by_id=user,
                    description="Loud music and banging from the flat next door every night "
                    "this week, until 2 or 3 in the morning.",
                ),
            )
            given[organisation][reference] = (None, None)
        self.writer.flush(AsbReport)
        for organisation, reports in given.items():
            asb.place_imported_reports(organisation=organisation, given=reports)
        self.asb_cases = AsbCase.objects.filter(organisation_id__in=list(given)).count()

    # --- building safety --------------------------------------------------------------------

    def _safety(self) -> None:
        rng = self._rng("safety")
        horizon = self.as_of + timedelta(days=SAFETY_LOOKAHEAD)
        for home, _estate, _block, _bedrooms, stock in self.homes:
            if stock == StockType.LOW_COST_RENTAL and rng.random() < GAS_SHARE:
                self._checks(rng, SafetyKind.GAS, home, None, 12, horizon)
        for block, _estate, _name, has_lift in self.blocks:
            home = self.block_home[block]
            self._checks(rng, SafetyKind.FIRE, home, block, 12, horizon)
            self._checks(rng, SafetyKind.ASBESTOS, home, block, 12, horizon)
            self._checks(rng, SafetyKind.WATER, home, block, 24, horizon)
            if has_lift:
                self._checks(rng, SafetyKind.LIFT, home, block, 6, horizon)

    def _checks(self, rng, kind, home: int, block: int | None, months: int, horizon) -> None:
        """The requirement (one per responsible organisation) and a check for each due date."""
        pieces = self._pieces(home, self.start, horizon, "building_safety")
        place = {"home_id": None, "block_id": block} if block else {"home_id": home}
        for first, last, organisation in pieces:
            self.writer.add(
                SafetyRequirement,
                dict(
                    organisation_id=organisation,
                    kind=kind,
                    interval_months=months,
                    required_from=first,
                    required_until=last if last < horizon else None,
                    **place,
                ),
            )
        outcomes, weights = _cumulative(SAFETY[kind][0])
        early = SAFETY[kind][1]
        # Each place has its own anniversary; step back before the period, then forward.
        due = date(self.start.year, 1 + rng.randrange(12), 1 + rng.randrange(28))
        while due >= self.start:
            due = _add_months(due, -months)
        due = _add_months(due, months)
        while due <= horizon:
            organisation = self._responsible(home, due, "building_safety")
            on_time = rng.random() < self.profiles[organisation].safety_on_time
            visits = []
            if on_time:
                visits.append((due - timedelta(days=rng.randint(0, early)), None))
            elif kind == SafetyKind.GAS and rng.random() < 0.35:
                # No access at the first visit; done late after a follow-up.
                visits.append((due - timedelta(days=rng.randint(0, 14)), Out.NO_ACCESS))
                visits.append((due + timedelta(days=rng.randint(3, 60)), None))
            else:
                visits.append((due + timedelta(days=rng.randint(1, 45)), None))
            for done, outcome in visits:
                check = dict(
                    organisation_id=organisation,
                    reference=self._reference("S", 8),
                    kind=kind,
                    due_on=due,
                    **place,
                )
                if done <= self.as_of:
                    check["done_on"] = done
                    check["outcome"] = outcome or rng.choices(outcomes, cum_weights=weights)[0]
                self.writer.add(SafetyCheck, check)
                if check.get("done_on") is None:
                    break  # still to do: nothing after it has happened yet
            due = _add_months(due, months)

    # --- Decent Homes -----------------------------------------------------------------------

    def _decent_homes(self) -> None:
        """A status for each rented home when the period began, and each change since; a new
        row also when another organisation takes the home over."""
        rng = self._rng("decent-homes")
        fix_rate = 0.35  # non-decent homes made decent each year
        for home, _estate, _block, _bedrooms, stock in self.homes:
            if stock != StockType.LOW_COST_RENTAL:
                continue
            pieces = self._pieces(home, self.start, self.as_of, "repairs")
            p = max(0.001, self.profiles[pieces[0][2]].non_decent)
            meets = rng.random() >= p
            # The last survey before the period, but not before the manager took over.
            since = self.start - timedelta(days=rng.randint(30, 3 * 365))
            for starts, ends, _organisation in self.coverage.get(home, ()):
                if starts <= self.start and (ends is None or ends >= self.start):
                    since = max(since, starts)
            statuses = {since: meets}
            at = self.start
            while True:
                rate = fix_rate if not meets else fix_rate * p / (1 - p)
                at += timedelta(days=1 + int(rng.expovariate(rate / 365.25)))
                if at > self.as_of:
                    break
                meets = not meets
                statuses[at] = meets
            for first, _last, _organisation in pieces[1:]:
                if first not in statuses:
                    statuses[first] = max(
                        ((d, m) for d, m in statuses.items() if d < first), key=lambda s: s[0]
                    )[1]
            for day in sorted(statuses):
                self.writer.add(
                    DecentHomesStatus,
                    dict(
                        organisation_id=self._responsible(home, day, "repairs"),
                        reference=self._reference("D", 8),
                        home_id=home,
                        meets_standard=statuses[day],
                        since=day,
                    ),
                )

    # --- estate inspections -----------------------------------------------------------------

    def _inspections(self) -> None:
        """Each estate inspected once a month, by staff or by tenant inspectors."""
        rng = self._rng("inspections")
        for estate, _name in self.estates:
            home = self.estate_home.get(estate)
            if home is None:
                continue
            blocks = self.estate_blocks.get(estate, [])
            month = self.start
            while month <= self.as_of:
                day = self._next_working_day(month + timedelta(days=rng.randrange(25)))
                month = _add_months(month, 1)
                if day > self.as_of:
                    continue
                organisation = self._responsible(home, day, "caretaking")
                profile = self.profiles[organisation]
                tenant = rng.random() < profile.tenant_inspectors
                block = rng.choice(blocks) if blocks and rng.random() < 0.7 else None
                scores = [
                    max(1, min(5, round(rng.gauss(profile.inspection_score, 0.8))))
                    for _ in EstateInspection.SCORES
                ]
                self.writer.add(
                    EstateInspection,
                    dict(
                        organisation_id=organisation,
                        reference=self._reference("EI", 6),
                        estate_id=estate,
                        block_id=block[0] if block else None,
                        inspected_on=day,
                        place=block[2] if block else rng.choice(INSPECTION_PLACES),
                        inspector_name=f"{rng.choice(names.FIRST_NAMES)} "
                        f"{rng.choice(names.LAST_NAMES)}",
                        inspector_kind=EstateInspection.Inspector.TENANT
                        if tenant
                        else EstateInspection.Inspector.STAFF,
                        repairs_needed=rng.choice(INSPECTION_REPAIRS) if min(scores) <= 2 else "",
                        **dict(zip(EstateInspection.SCORES, scores, strict=True)),
                    ),
                )

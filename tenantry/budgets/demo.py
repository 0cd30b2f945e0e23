"""The demo's budgets at Kingsmead TMO: its management allowance for last year and this one,
with budget lines, a year of actual spend and the council's own costs per home; a delegated
budget for one estate with a year of bids (quick and committee bids, one finished with a photo,
one refused) and the year closed with its carry-over; and a Community Cashback budget from
taking over grounds maintenance."""

import io
import random
from collections.abc import Callable
from datetime import date, timedelta
from decimal import ROUND_CEILING, Decimal

from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Count
from django.utils import timezone
from PIL import Image, ImageDraw

from tenantry.core.models import User
from tenantry.core.periods import financial_year, financial_year_of
from tenantry.homes.models import Estate
from tenantry.homes.selectors import homes_of
from tenantry.organisations.models import ManagementAgreement, Organisation

from . import allowance_services, cashback_services, estate_services, ledger, services
from .figures import quarter_split
from .models import Actual, Bid, BudgetKind, CashbackService, EntryKind, EstateRules

ORGANISATION = "kingsmead-tmo"
D = Decimal

# Each delegated service's share of the management allowance (the rest is the office).
SHARES = {
    "repairs": D("0.34"), "caretaking": D("0.18"), "rent_collection": D("0.08"),
    "voids_lettings": D("0.07"), "tenancy_management": D("0.09"), "asb": D("0.05"),
    "complaints": D("0.03"), "grounds": D("0.06"), "building_safety": D("0.10"),
}  # fmt: skip
# The council's own cost per home a year for the homes it manages itself (2025/26 prices).
LANDLORD_COSTS = {
    "repairs": D("812.40"), "caretaking": D("396.00"), "rent_collection": D("141.20"),
    "asb": D("88.75"), "building_safety": D("210.00"),
}  # fmt: skip
SUPPLIERS = {
    "repairs": ["Northbrook Building Services", "A. Okafor Plumbing", "Citywide Glazing"],
    "caretaking": ["Caretakers' wages", "Cleaning materials", "Bulk rubbish removal"],
    "rent_collection": ["Rent statements printing", "Income officer"],
    "voids_lettings": ["Void clearances", "Void decorating"],
    "tenancy_management": ["Housing officer", "Tenancy audit visits"],
    "asb": ["Mediation service", "CCTV maintenance"],
    "complaints": ["Complaints software licence"],
    "grounds": ["Grass cutting", "Tree surgeon"],
    "building_safety": ["Fire risk assessments", "Lift servicing", "Water hygiene checks"],
}


def add_demo_budgets(*, progress: Callable[[str], None] = lambda m: None) -> None:
    """Kingsmead's budgets (nothing when they are there already)."""
    organisation = Organisation.objects.filter(slug=ORGANISATION).first()
    if organisation is None or organisation.budgets.exists():
        return
    agreement = ManagementAgreement.objects.filter(organisation=organisation).first()
    if agreement is None:
        return
    today = timezone.localdate()
    this_year = financial_year_of(today).start.year
    committee = User.objects.filter(email="committee@example.org").first()
    staff = User.objects.filter(email="staff@example.org").first()
    with transaction.atomic():
        _allowance(organisation, agreement, this_year, today, staff)
        _estate(organisation, this_year, today, committee, staff)
        _cashback(organisation, this_year, today, staff)
    progress("Budgets at Kingsmead TMO")


def _allowance(organisation, agreement, this_year: int, today: date, staff) -> None:
    rng = random.Random(2025)
    last_year = this_year - 1
    budget = services.open_budget(
        organisation=organisation,
        kind=BudgetKind.MANAGEMENT_ALLOWANCE,
        name="Management allowance",
        opened_on=financial_year(last_year).start,
        by=None,
    )
    yearly = agreement.management_allowance
    delegated = [s for s in SHARES if s in agreement.services]
    for year in (last_year, this_year):
        allowance_services.save_lines(
            budget=budget,
            year=year,
            amounts={s: (yearly * SHARES[s]).quantize(D("1")) for s in delegated},
            by=None,
        )
        # The council pays the allowance quarterly, on the first day of each quarter.
        period = financial_year(year)
        for q, amount in enumerate(quarter_split(yearly)):
            on = date(year + (q == 3), (4 + 3 * q - 1) % 12 + 1, 1)
            if on <= today:
                ledger.add_entry(
                    budget=budget, on=on, kind=EntryKind.ALLOCATION,
                    description=f"Management allowance {period.label} Q{q + 1}",
                    amount=amount, reference=f"NBC-MA-{year}-Q{q + 1}", by=None,
                )  # fmt: skip
    for service, cost in LANDLORD_COSTS.items():
        allowance_services.save_landlord_cost(
            landlord=agreement.landlord, year=last_year, service=service, cost_per_home=cost,
            by=None,
        )  # fmt: skip
    # A year and a bit of spend from the accounts, month by month; some services run over.
    actuals = []
    start = financial_year(last_year).start
    n = 0
    for month in range(20):
        first = date(
            start.year + (start.month + month - 1) // 12, (start.month + month - 1) % 12 + 1, 1
        )
        if first > today:
            break
        for service in delegated:
            planned = yearly * SHARES[service] / 12
            lean = D("1.06") if service in ("repairs", "building_safety") else D("0.96")
            amount = (planned * lean * D(rng.uniform(0.8, 1.2))).quantize(D("0.01"))
            n += 1
            on = first + timedelta(days=rng.randint(0, 25))
            if on > today:
                continue
            actuals.append(
                Actual(
                    budget=budget,
                    reference=f"KTMO-{on:%y%m}-{n:04d}",
                    on=on,
                    service=service,
                    description=rng.choice(SUPPLIERS[service]),
                    amount=amount,
                    recorded_by=staff,
                )  # fmt: skip
            )
    # A credit note from the repairs contractor for a job done twice.
    actuals.append(
        Actual(
            budget=budget,
            reference="KTMO-CN-0007",
            on=financial_year(last_year).start + timedelta(days=200),
            service="repairs",
            description="Credit note: repeat visit",
            amount=D("-640.00"),
            recorded_by=staff,
        )  # fmt: skip
    )
    Actual.objects.bulk_create(actuals)


def _photo() -> ContentFile:
    """A drawing of the new benches by the green, as a small JPEG (as a photo is kept)."""
    image = Image.new("RGB", (400, 300), (135, 190, 235))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 200, 400, 300), fill=(90, 160, 80))
    for left in (60, 230):
        draw.rectangle((left, 170, left + 110, 182), fill=(120, 80, 40))
        draw.rectangle((left, 150, left + 110, 160), fill=(120, 80, 40))
        draw.rectangle((left + 8, 182, left + 16, 215), fill=(60, 60, 60))
        draw.rectangle((left + 94, 182, left + 102, 215), fill=(60, 60, 60))
    draw.ellipse((300, 30, 360, 90), fill=(250, 220, 90))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=82)
    return ContentFile(out.getvalue(), name="photo.jpg")


def _estate(organisation, this_year: int, today: date, committee, staff) -> None:
    biggest = (
        homes_of(organisation=organisation)
        .values("estate")
        .annotate(n=Count("pk"))
        .order_by("-n", "estate__name")
        .first()
    )
    if biggest is None:
        return
    estate, home_count = Estate.objects.get(pk=biggest["estate"]), biggest["n"]
    last_year = this_year - 1
    start = financial_year(last_year).start
    # The committee set the rate so that the estate has about £7,500 a year, whatever the size
    # the demo was generated at.
    per_home = (D(7500) / home_count).quantize(D("1"), rounding=ROUND_CEILING)
    budget = estate_services.open_estate_budget(
        organisation=organisation,
        estate=estate,
        name=f"{estate.name} budget",
        opened_on=start,
        rules=EstateRules(
            per_home=per_home,
            carry_over=True,
            carry_over_limit=D("2500.00"),
            quick_bid_limit=D("500.00"),
            bids_per_group_per_year=3,
        ),
        representatives=[committee] if committee else [],
        by=None,
    )
    estate_services.allocate_year(budget=budget, year=last_year, by=None)

    def make(group, title, location, cost, days, quotes="", upkeep="0.00") -> Bid:
        return estate_services.submit_bid(
            bid=Bid(
                budget=budget, group=group, title=title, location=location, cost=D(cost),
                quotes=quotes, maintenance_per_year=D(upkeep),
                submitted_on=start + timedelta(days=days),
            ),
            by=None,
        )  # fmt: skip

    def decide(bid, days, approve=True, note=""):
        estate_services.decide_bid(
            bid=bid, approve=approve, on=bid.submitted_on + timedelta(days=days), note=note,
            by=committee,
        )  # fmt: skip

    def pay(bid, days, amount, reference):
        estate_services.pay_bid(
            bid=bid, on=bid.submitted_on + timedelta(days=days), amount=D(amount),
            reference=reference, by=None,
        )  # fmt: skip

    planters = make(
        "Mill Road gardeners", "Planters and bulbs for the Mill Road green", "Mill Road green",
        "385.00", 21, "Greenway Nurseries £385.00\nB&Q £412.50",
    )  # fmt: skip
    decide(planters, 5)
    pay(planters, 12, "385.00", "GN-10442")

    benches = make(
        "Mill Road gardeners", "Two benches beside the play area", "Play area, Kingsmead green",
        "1640.00", 60,
        "Streetscape Furniture £1,640.00 fitted\nPark Supplies Ltd £1,820.00 fitted",
        upkeep="40.00",
    )  # fmt: skip
    decide(benches, 28, note="Agreed at the committee meeting; the gardeners will oil them.")
    pay(benches, 45, "1640.00", "SF-2291")
    estate_services.complete_bid(
        bid=benches, on=benches.submitted_on + timedelta(days=70), photo=_photo(), by=None
    )

    cctv = make(
        "Tower residents' group", "CCTV camera at the tower entrance", "Kingsmead Tower lobby",
        "4200.00", 95, "SecureView £4,200.00", upkeep="380.00",
    )  # fmt: skip
    decide(
        cctv, 21, approve=False,
        note="Door entry and CCTV in the towers are the council's to keep: referred to the "
        "council's community safety team. The upkeep would use a fifth of the budget every year.",
    )  # fmt: skip

    party = make(
        "Youth club", "Summer fun day: bouncy castle and food", "Kingsmead green", "460.00", 75,
        "Funtime Hire £260.00; food from the community café £200.00",
    )  # fmt: skip
    decide(party, 3)
    pay(party, 30, "460.00", "FH-0712")

    lighting = make(
        "Tower residents' group", "Solar lights along the footpath to the bus stop",
        "Footpath from Kingsmead Tower to Mill Road", "2150.00", 160,
        "Lumisol £2,150.00\nBright Paths £2,390.00", upkeep="60.00",
    )  # fmt: skip
    decide(lighting, 30, note="Approved: the footpath was named in the estate inspection.")
    pay(lighting, 60, "1075.00", "LS-5531")

    make("Youth club", "Table tennis table for the community hall", "Community hall",
         "495.00", 300, "Sportsmart £495.00")  # fmt: skip
    if today > financial_year(last_year).end:
        estate_services.close_year(budget=budget, year=last_year, today=today, by=None)
        estate_services.allocate_year(budget=budget, year=this_year, by=None)
        make("Mill Road gardeners", "Compost bins for the community garden", "Mill Road green",
             "240.00", 380, "Greenway Nurseries £240.00")  # fmt: skip


def _cashback(organisation, this_year: int, today: date, staff) -> None:
    last_year = this_year - 1
    budget = services.open_budget(
        organisation=organisation,
        kind=BudgetKind.CASHBACK,
        name="Community Cashback",
        opened_on=financial_year(last_year - 1).start,
        by=None,
    )
    grounds = cashback_services.save_service(
        service=CashbackService(
            budget=budget, service="grounds", taken_over_on=date(last_year - 1, 10, 1),
            landlord_cost=D("52000.00"), community_cost=D("44800.00"),
        ),
        by=None,
    )  # fmt: skip
    for year in (last_year - 1, last_year):
        if today > financial_year(year).end:
            cashback_services.credit_year(service=grounds, year=year, today=today, by=None)
    spends = [
        (date(last_year, 6, 14), "Community garden tools and a shed", "2480.00", "GT-3381"),
        (date(last_year, 9, 2), "Youth football kit and coaching", "980.00", "KFC-118"),
        (date(last_year + 1, 4, 20), "Defibrillator for the community hall", "1395.00", "HS-9921"),
    ]
    for on, description, amount, reference in spends:
        if on <= today:
            services.record_spend(
                budget=budget, on=on, description=description, amount=D(amount),
                reference=reference, by=None,
            )  # fmt: skip

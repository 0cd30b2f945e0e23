"""The demo's grant programmes (tenantry/journey): two open grants on Northbrook Council's list,
each with conditions a tenant group can check itself against on the public pages. The grants
and their conditions are examples, not real schemes."""

from collections.abc import Callable
from datetime import timedelta

from django.utils import timezone

from tenantry.journey import services
from tenantry.journey.models import FundingProgramme
from tenantry.organisations.models import Organisation

KEEPER = "northbrook-council"

PROGRAMMES = [
    (
        "Exploring tenant control",
        "the Ministry of Housing, Communities and Local Government",
        "Money for a tenant group to find out about tenant control: training, visits to groups "
        "that run their own homes, and an adviser's time.",
        90,
        [
            ("Has your group met regularly for at least a year?", "yes_no", None, ""),
            ("Does your group have a written constitution?", "yes_no", None,
             "An adviser can give you a model constitution to start from."),
            ("How many homes are in the area your group covers?", "at_least", 25,
             "Groups of fewer homes can join with a neighbouring group."),
            ("How many members does your group have?", "at_least", 10, ""),
        ],
    ),
    (
        "Tenant training fund",
        "Northbrook Council",
        "Places on accredited courses for tenants who want to scrutinise or run services.",
        45,
        [
            ("Is your group recognised by Northbrook Council?", "yes_no", None,
             "Ask the tenant participation team how to be recognised."),
            ("How many people would go on the courses?", "at_least", 2, ""),
        ],
    ),
]  # fmt: skip


def add_demo_grants(*, progress: Callable[[str], None] = lambda m: None) -> None:
    """Northbrook Council's grant programmes (nothing when they are there already)."""
    keeper = Organisation.objects.filter(slug=KEEPER).first()
    if keeper is None or FundingProgramme.objects.filter(organisation=keeper).exists():
        return
    today = timezone.localdate()
    for name, funder, summary, open_days, conditions in PROGRAMMES:
        programme = services.create_programme(
            organisation=keeper,
            name=name,
            funder=funder,
            summary=summary,
            opens_on=today - timedelta(days=30),
            closes_on=today + timedelta(days=open_days),
            by=None,
        )
        for question, kind, minimum, advice in conditions:
            services.add_condition(
                programme=programme,
                question=question,
                kind=kind,
                minimum=minimum,
                advice=advice,
                by=None,
            )
        services.publish_programme(programme=programme, by=None)
    progress("Grant programmes on Northbrook Council's list")

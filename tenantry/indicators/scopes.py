"""Whose figures a page shows: the sets of homes an organisation may pick (its own, its
estates, the organisations a landlord works with), and the stored results for each."""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from tenantry.core.periods import Period
from tenantry.homes.selectors import estates_of
from tenantry.organisations.models import Organisation
from tenantry.organisations.selectors import organisations_working_with

from .calculators import Subject
from .models import Indicator, Result, Scope, StockType


@dataclass(frozen=True)
class ScopeChoice:
    """One of the sets of homes an organisation's page can show figures for."""

    key: str  # "" for the organisation's own figures; "direct", "org:<slug>", "estate:<pk>"
    label: str
    subject: Subject

    @property
    def is_own(self) -> bool:
        return self.key == ""


def scopes_for(*, organisation: Organisation, on: date) -> list[ScopeChoice]:
    """A landlord sees its whole stock, its directly managed homes and each organisation it
    works with; a managing organisation sees itself and each of its estates; a panel or an
    association, which manages no homes, sees its landlord's the way the landlord does: the
    whole stock, the homes it manages itself and each organisation managing the rest."""
    if organisation.is_landlord:
        return [
            ScopeChoice("", _("All our homes"), Subject(Scope.LANDLORD_ALL, organisation)),
            ScopeChoice(
                "direct",
                _("Homes we manage ourselves"),
                Subject(Scope.LANDLORD_DIRECT, organisation),
            ),
            *_managing(organisation),
        ]
    if not organisation.manages_homes() and organisation.landlord_id:
        landlord = organisation.landlord
        return [
            ScopeChoice(
                "",
                _("All %(landlord)s homes") % {"landlord": landlord},
                Subject(Scope.LANDLORD_ALL, landlord),
            ),
            ScopeChoice(
                "direct",
                _("Homes %(landlord)s manages itself") % {"landlord": landlord},
                Subject(Scope.LANDLORD_DIRECT, landlord),
            ),
            *_managing(landlord),
        ]
    own = ScopeChoice("", _("All our homes"), Subject(Scope.ORGANISATION, organisation))
    return [
        own,
        *[
            ScopeChoice(
                f"estate:{estate.pk}", estate.name, Subject(Scope.ESTATE, organisation, estate)
            )
            for estate in estates_of(organisation=organisation, on=on)
        ],
    ]


def _managing(landlord: Organisation) -> list[ScopeChoice]:
    """A choice for each organisation managing some of the landlord's homes."""
    return [
        ScopeChoice(f"org:{partner.slug}", partner.name, Subject(Scope.ORGANISATION, partner))
        for partner in organisations_working_with(landlord=landlord).filter(
            kind__in=Organisation.MANAGING_KINDS
        )
    ]


def choose_scope(choices: list[ScopeChoice], key: str | None) -> ScopeChoice:
    """The scope asked for, or the organisation's own figures when the key is unknown."""
    return next((choice for choice in choices if choice.key == (key or "")), choices[0])


def _whose(subject: Subject) -> Q:
    return Q(organisation=subject.organisation, scope=subject.scope, estate=subject.estate)


def results_of(subject: Subject, *, period: Period | None = None) -> QuerySet[Result]:
    """The stored results for a subject (every stock type), optionally for one period."""
    results = Result.objects.filter(_whose(subject))
    if period is not None:
        results = results.filter(period_start=period.start, period_end=period.end)
    return results


def results_of_each(subjects: Iterable[Subject], *, period: Period) -> QuerySet[Result]:
    """`results_of` several subjects in one query (a council's page or download has a dozen):
    each result is one subject's, told apart by its organisation, scope and estate."""
    whose = Q(pk__in=[])
    for subject in subjects:
        whose |= _whose(subject)
    return Result.objects.filter(whose, period_start=period.start, period_end=period.end)


def stock_label(stock_type: str) -> str:
    return str(StockType(stock_type).label) if stock_type in StockType.values else stock_type


def split_labels() -> dict[str, str]:
    return {
        "": pgettext("stock type", "All homes"),
        StockType.LOW_COST_RENTAL: str(StockType.LOW_COST_RENTAL.label),
        StockType.LOW_COST_HOME_OWNERSHIP: str(StockType.LOW_COST_HOME_OWNERSHIP.label),
    }


def results_by_period(subject: Subject, indicator: Indicator, stock_type: str) -> dict:
    """The indicator's stored results for the subject, keyed by (kind, start, end)."""
    found = defaultdict(lambda: None)
    for result in results_of(subject).filter(indicator=indicator, stock_type=stock_type):
        found[(result.period_kind, result.period_start, result.period_end)] = result
    return found

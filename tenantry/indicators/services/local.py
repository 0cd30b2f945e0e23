"""Writes for local indicators: what an organisation chooses to measure beyond the national set.

The NFTMO Guide encourages local indicators that matter to residents (graffiti, clean communal
areas, pride in the estate, community strength, local jobs). Each is an `Indicator` row that
belongs to the organisation, in the "local" framework. One that has figures is retired rather
than deleted, so the figures already reported stay explainable; one without figures is deleted.
"""

import re

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tenantry.core.models import User
from tenantry.indicators import permissions as can
from tenantry.organisations.models import Organisation
from tenantry.organisations.permissions import require

from ..models import Framework, Indicator, Result, Source

# Local indicators come after the national ones on every page.
LOCAL_ORDER = 100


def code_for(*, organisation: Organisation, name: str, wanted: str = "") -> str:
    """A short code for a new local indicator, unique in the organisation: the example's code
    ("GRAFFITI") or one made from the name ("LOCAL-PRIDE-IN"), numbered if taken."""
    base = wanted[:17]
    if not base:
        # Whole words of the name while they fit, leaving room for a "-2" if the code is taken.
        base = "LOCAL"
        for word in re.findall(r"[A-Za-z0-9]+", name.upper())[:3]:
            if len(base) + 1 + len(word) > 17:
                break
            base = f"{base}-{word}"
    taken = set(
        Indicator.objects.filter(organisation=organisation, code__startswith=base).values_list(
            "code", flat=True
        )
    )
    code, number = base, 2
    while code in taken:
        code, number = f"{base}-{number}", number + 1
    return code


def _calculator(source: str) -> str:
    # Inspection scores are worked out by the "inspection_score" calculator; surveys and hand
    # entries are stored as they are given.
    return "inspection_score" if source == Source.INSPECTIONS else ""


@transaction.atomic
def create_local_indicator(
    *,
    organisation: Organisation,
    name: str,
    meaning: str,
    unit: str,
    higher_is_better: bool,
    source: str,
    config: dict,
    decimals: int,
    by: User | None,
    code: str = "",
) -> Indicator:
    """Add an indicator of the organisation's own."""
    require(can.can_manage_local_indicators, user=by, organisation=organisation)
    indicator = Indicator(
        organisation=organisation,
        code=code_for(organisation=organisation, name=name, wanted=code),
        name=name,
        meaning=meaning,
        unit=unit,
        higher_is_better=higher_is_better,
        framework=Framework.LOCAL,
        source=source,
        calculator=_calculator(source),
        config=config,
        decimals=decimals,
        order=LOCAL_ORDER + Indicator.objects.filter(organisation=organisation).count(),
        definition_source=_("Set by %(organisation)s") % {"organisation": organisation.name},
    )
    indicator.full_clean()
    indicator.save()
    return indicator


@transaction.atomic
def change_local_indicator(
    *,
    indicator: Indicator,
    name: str,
    meaning: str,
    unit: str,
    higher_is_better: bool,
    source: str,
    config: dict,
    decimals: int,
    by: User | None,
) -> Indicator:
    """Change what a local indicator says or where its figure comes from. Its unit cannot
    change once it has figures: 78% and 78 jobs are not the same thing."""
    require(can.can_manage_local_indicators, user=by, organisation=indicator.organisation)
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    _check_local(indicator)
    if unit != indicator.unit and Result.objects.filter(indicator=indicator).exists():
        raise ValidationError(
            {"unit": _("It already has figures in another unit: add a new indicator instead.")}
        )
    indicator.name, indicator.meaning, indicator.unit = name, meaning, unit
    indicator.higher_is_better, indicator.source = higher_is_better, source
    indicator.calculator, indicator.config = _calculator(source), config
    indicator.decimals = decimals
    indicator.full_clean()
    indicator.save()
    return indicator


@transaction.atomic
def retire_local_indicator(*, indicator: Indicator, by: User | None) -> Indicator | None:
    """Stop measuring a local indicator. With figures it is hidden and its figures kept (they
    may have been reported to residents or the landlord); without any it is deleted. Returns
    the retired indicator, or None when it was deleted."""
    require(can.can_manage_local_indicators, user=by, organisation=indicator.organisation)
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    _check_local(indicator)
    if not Result.objects.filter(indicator=indicator).exists():
        indicator.delete()
        return None
    indicator.retired_at = timezone.now()
    indicator.save(update_fields=["retired_at"])
    return indicator


@transaction.atomic
def restore_local_indicator(*, indicator: Indicator, by: User | None) -> Indicator:
    """Measure a retired local indicator again."""
    require(can.can_manage_local_indicators, user=by, organisation=indicator.organisation)
    indicator = Indicator.objects.select_for_update().get(pk=indicator.pk)
    _check_local(indicator)
    indicator.retired_at = None
    indicator.save(update_fields=["retired_at"])
    return indicator


def _check_local(indicator: Indicator) -> None:
    if indicator.organisation_id is None:
        raise ValidationError(_("National indicators cannot be changed here."))

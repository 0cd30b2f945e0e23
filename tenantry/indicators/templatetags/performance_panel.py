"""`{% how_we_are_doing organisation %}`: a few key figures for a home page, linking to the
performance page. One query."""

from django import template

from ..selectors import latest_results
from ..sentences import sentence, value_text

register = template.Library()

# What residents most often ask about, first: the survey's overall satisfaction, repairs,
# complaints, empty homes, rent; then safety and decency. The first four with a figure are shown.
KEY_FIGURES = ["TP01", "RP02-2", "RP02-1", "CH02-1", "BV212", "BV66a", "BS01", "RP01"]
SHOWN = 4


@register.inclusion_tag("indicators/performance_panel.html")
def how_we_are_doing(organisation, compact: bool = False) -> dict:
    latest = latest_results(organisation=organisation, codes=KEY_FIGURES, kind="year")
    figures = []
    for code in KEY_FIGURES:
        result = latest.get(code)
        if result is None or result.value is None:
            continue
        indicator = result.indicator
        figures.append(
            {
                "indicator": indicator,
                "result": result,
                "text": value_text(result.value, indicator),
                "sentence": sentence(indicator, result.value, result.numerator, result.denominator),
            }
        )
        if len(figures) == SHOWN:
            break
    return {"organisation": organisation, "figures": figures, "compact": compact}

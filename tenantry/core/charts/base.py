"""What every chart shares: sizes, colours, the spec's frame, drawing it as SVG, and scales."""

from __future__ import annotations

import hashlib
import json
import math
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from xml.sax.saxutils import quoteattr

import vl_convert
from django.core.cache import cache

from ..figures import figure_text

SCHEMA = "https://vega.github.io/schema/vega-lite/v6.json"
WIDTH = 600  # pixels: about the GOV.UK two-thirds column on a desktop
PADDING = 4
FONT_SIZE = 22  # 22 × 343 / 608 = 12.4px on a phone: no text in a chart is smaller
LINE_HEIGHT = 28
FONT = "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif"

TEAL = "#00594f"  # Tenantry's colour: 7.9:1 against white
GREY = "#505a5f"  # GOV.UK's secondary text colour: 7.0:1 against white
BLACK = "#0b0c0c"  # GOV.UK's text colour
GRID = "#d5d8da"  # grid lines only, which the figures on the chart make decorative
BAND_FILL = "#cfe3e0"  # a pale teal behind the line, named in the key and in the table

# Answers on a scale, most positive first. Diverging: ColorBrewer's BrBG (brown to blue-green),
# which people with the common colour-vision deficiencies tell apart, its ends darkened to
# reach 3:1 against white; the middle answer is grey. Sequential: dark teal to pale, which
# also stays in order when printed in black and white.
DIVERGING = {
    2: ["#01665e", "#8c510a"],
    3: ["#01665e", "#d9d9d9", "#8c510a"],
    4: ["#01665e", "#80cdc1", "#dfc27d", "#8c510a"],
    5: ["#01665e", "#80cdc1", "#e0e0e0", "#dfc27d", "#8c510a"],
    6: ["#01665e", "#35978f", "#80cdc1", "#dfc27d", "#bf812d", "#8c510a"],
    7: ["#01665e", "#35978f", "#80cdc1", "#e0e0e0", "#dfc27d", "#bf812d", "#8c510a"],
}
# Series side by side: dark teal, pale grey (outlined in dark grey, so it still stands 3:1
# against white) and dark grey, which stay apart when printed in black and white.
GROUP_COLOURS = [TEAL, "#dee0e2", GREY]
GROUP_BAR_HEIGHT = 24
SEQUENTIAL = ["#003c34", "#00594f", "#2a8075", "#5fa79c", "#98cbc3", "#cde6e2", "#eef7f5"]


@dataclass(frozen=True)
class Chart:
    """A chart ready for a page: what it shows in words, in a spec, as SVG and as a table."""

    title: str
    description: str  # one plain sentence, read out by a screen reader in place of the picture
    spec: dict  # Vega-Lite
    svg: str  # markup safe to put in the page as it is
    columns: list[str]
    rows: list[list[str]]  # the figures, formatted for people


# ---------------------------------------------------------------------------------------------
# Formatting


def format_value(value: float | None, unit: str = "%") -> str:
    """A figure as people read it: "92%", "8.5 days", "£1,200", "1,234"; a dash when missing.
    Written by core.figures, the one rule for every figure shown."""
    return figure_text(value, unit, places=1)


def _number(value) -> float | None:
    """A value as a float, or None when missing (None, NaN or an empty string)."""
    if value is None or value == "":
        return None
    number = float(value)
    return None if math.isnan(number) else number


def _text_width(text: str) -> float:
    """A generous guess at the width of `text` in pixels at FONT_SIZE (no font is at hand)."""
    return len(text) * FONT_SIZE * 0.56


def _wrap(text: str, width: float = WIDTH) -> list[str]:
    """Lines of `text` that fit `width` pixels."""
    characters = max(8, int(width / (FONT_SIZE * 0.56)))
    return textwrap.wrap(str(text), characters) or [""]


def _luminance(colour: str) -> float:
    """WCAG's relative luminance of a #rrggbb colour."""
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def _text_colour_on(colour: str) -> str:
    """White or black, whichever reads better on `colour`."""
    return "white" if _luminance(colour) < 0.18 else BLACK


# ---------------------------------------------------------------------------------------------
# Spec pieces


def _pixels(field: str) -> dict:
    """Place a mark at the pixel position held in `field`, with no scale (the dot plot only)."""
    return {"field": field, "type": "quantitative", "scale": None, "axis": None}


def _scaled(field: str, scale: dict, **options) -> dict:
    """A quantitative field on `scale`; `options` such as axis (None for none) are added."""
    return {"field": field, "type": "quantitative", "scale": scale, **options}


def _layer(
    mark: dict, encoding: dict, *, where: str | None = None, values=None, transform=()
) -> dict:
    """One layer: a mark, its encoding, an optional filter and optional data of its own."""
    layer = {"mark": mark, "encoding": encoding}
    steps = [*transform, *([{"filter": where}] if where else [])]
    if steps:
        layer["transform"] = steps
    if values is not None:
        layer["data"] = {"values": values}
    return layer


def _labels(encoding: dict, *, mark: dict, where: str | None = None, values=None) -> list[dict]:
    """Text with a white halo beneath it, so lines and bars behind it never hide a letter."""
    halo = {**mark, "stroke": "white", "strokeWidth": 6, "strokeJoin": "round"}
    return [
        _layer({"type": "text", **halo}, encoding, where=where, values=values),
        _layer({"type": "text", **mark}, encoding, where=where, values=values),
    ]


def _tooltip(*pairs: tuple[str, str]) -> list[dict]:
    return [{"field": field, "type": "nominal", "title": str(title)} for field, title in pairs]


BOLD_IF_HIGHLIGHT = {"expr": "datum.highlight ? 'bold' : 'normal'"}


def _legend(labels: Sequence[str], symbol: float, **options) -> dict:
    """Vega-Lite's own legend above the plot, in as many columns as its longest label allows
    across the width (Vega-Lite lays a legend out but does not wrap it to the chart's width)."""
    widest = max((_text_width(label) for label in labels), default=0) + symbol + 8 + 24
    return {"columns": max(1, min(len(labels), int(WIDTH // widest))), **options}


def _config() -> dict:
    return {
        "font": FONT,
        "background": "white",
        "padding": PADDING,
        "view": {"stroke": None},
        "axis": {
            "labelFontSize": FONT_SIZE,
            "labelColor": BLACK,
            "domainColor": GREY,
            "tickColor": GREY,
            "gridColor": GRID,
            "labelPadding": 6,
            "title": None,
        },
        "legend": {
            "orient": "top",
            "direction": "horizontal",
            "title": None,
            "labelFontSize": FONT_SIZE,
            "labelColor": BLACK,
            "labelLimit": WIDTH,
            "symbolSize": 22 * 22,
            "symbolOpacity": 1,
            "columnPadding": 24,
            "rowPadding": 8,
            "padding": 0,
            "offset": 20,
        },
        "text": {"fontSize": FONT_SIZE, "color": BLACK},
        # The SVG as a whole is named by the description; the marks inside are not read out
        # one by one (the table with the chart gives a screen reader every figure).
        "aria": False,
    }


_SVG_OPEN = re.compile(r"<svg\b[^>]*>")
# Vega gives its groups ARIA roles of their own; inside an image they only confuse checkers.
_INNER_ROLES = re.compile(r' (?:role|aria-roledescription)="[^"]*"')


# Drawing a chart takes 50-100 ms, most of an indicator page's time; the same spec always
# draws the same picture, so a drawing is kept under the spec's own digest (never stale: new
# figures make a new spec) and reused by every page and person showing it.
DRAWING_KEPT_FOR = 24 * 60 * 60  # seconds


def _drawn(spec: dict) -> str:
    """The spec drawn as Vega's SVG, from the cache when the same spec was drawn before."""
    digest = hashlib.sha256(json.dumps(spec, sort_keys=True, default=str).encode()).hexdigest()
    key = f"chart-svg:{digest}"
    svg = cache.get(key)
    if svg is None:
        svg = vl_convert.vegalite_to_svg(spec)
        cache.set(key, svg, DRAWING_KEPT_FOR)
    return svg


def _render(spec: dict, *, description: str) -> str:
    """The spec drawn as SVG that scales to its container and is named by the description."""
    svg = _drawn(spec)
    opening = _SVG_OPEN.search(svg)
    view_box = re.search(r'viewBox="([^"]+)"', opening[0])[1]
    replacement = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
        f' version="1.1" class="tenantry-chart__svg" viewBox="{view_box}" width="100%"'
        f' role="img" aria-label={quoteattr(description)} focusable="false">'
    )
    inside = _INNER_ROLES.sub("", svg[opening.end() :])
    return svg[: opening.start()] + replacement + inside


def _chart(
    *,
    layers: list[dict],
    data: list[dict],
    height: float | dict,
    title: str,
    description: str,
    columns: Sequence[str],
    rows: list[list[str]],
    autosize: str = "pad",
    legend: dict | None = None,
) -> Chart:
    """Put the layers together over the chart's own records, draw it and pair it with its table.

    The records sit at the top of the spec, where every layer without data of its own finds
    them. `height` is pixels, or {"step": pixels} for a band of that height per category.
    """
    spec = {
        "$schema": SCHEMA,
        "description": str(description),
        "data": {"values": data},
        "width": WIDTH,
        "height": height if isinstance(height, dict) else round(height),
        # "fit-x": axis labels and plot share the width, so text keeps its size on a phone.
        "autosize": {"type": autosize, "contains": "padding"},
        "layer": layers,
        "config": _config(),
    }
    spec["config"]["legend"].update(legend or {})
    return Chart(
        title=str(title),
        description=str(description),
        spec=spec,
        svg=_render(spec, description=str(description)),
        columns=[str(column) for column in columns],
        rows=rows,
    )


def _scale_end(values: Sequence[float | None], unit: str, domain_max: float | None) -> float:
    """The end of a bar chart's scale: 100 for percentages, else the largest value."""
    if domain_max is not None:
        return domain_max
    largest = max((v for v in values if v is not None), default=0) or 1
    return 100 if unit == "%" and largest <= 100 else largest


def _padded_domain(values: Sequence[float], unit: str) -> list[float]:
    """From a little below the smallest value to a little above the largest, so figures
    written by the points have room; never below zero for figures that cannot be, and never
    past 100 for percentages unless a figure is (rent with arrears collected can be 101%).
    Vega-Lite rounds the ends to nice numbers and picks the ticks."""
    low, high = min(values), max(values)
    margin = (high - low or abs(high) or 1) * 0.2
    low, high = low - margin, high + margin
    if min(values) >= 0:
        low = max(low, 0)
    if unit == "%" and max(values) <= 100:
        high = min(high, 100)
    return [low, high]


def _axis_labels(unit: str) -> str:
    """A Vega expression that writes an axis label with its unit, like format_value."""
    number = "format(datum.value, ',~r')"
    if unit == "%":
        return f"{number} + '%'"
    if unit in {"£", "$", "€"}:
        return f"'{unit}' + {number}"
    return f"{number} + ' {unit}'" if unit else number

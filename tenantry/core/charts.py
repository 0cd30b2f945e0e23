"""Charts that every page, printout and PDF shares: a Vega-Lite spec, its static SVG and its table.

Each builder returns a `Chart`. The template include `includes/chart.html` shows the SVG (so the
chart is there without JavaScript, in print and in a PDF), the figures as a GOV.UK table, and
the spec, which `charts.js` turns into an interactive chart with tooltips where it can.

The specs are plain Vega-Lite, written here as dictionaries and checked against the Vega-Lite
schema by the tests with Altair (building them with Altair's classes took ten times longer than
drawing them). vl-convert draws them as SVG in this process, with no browser.

Vega-Lite lays out the keys (its legends), the rows of bar charts (its band scale), the stacking
of answers and the value axes (nice round numbers). What it cannot do is done here: wrapping
long names, whether a figure fits on its bar, and the stacked dot plot, the one chart placed in
pixels (`"scale": null`). See docs/charts.md.

Sizes: a chart is drawn WIDTH pixels wide and scales to its container. On a 375px phone the
container is about 343px wide, so text drawn at FONT_SIZE shrinks to FONT_SIZE × 343 / WIDTH,
kept at 12px or more. Bars, lines and dots meet WCAG 2.2's 3:1 against white, and nothing is
told by colour alone: the highlighted organisation is named in bold, the target line is dashed,
figures are written on the chart, and every figure is in the table.
"""

from __future__ import annotations

import json
import math
import re
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from statistics import quantiles
from xml.sax.saxutils import quoteattr

import vl_convert
from django.utils.translation import gettext

from .figures import figure_text

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


def _render(spec: dict, *, description: str) -> str:
    """The spec drawn as SVG that scales to its container and is named by the description."""
    svg = vl_convert.vegalite_to_svg(spec)
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


# ---------------------------------------------------------------------------------------------
# Bars
#
# Every bar chart gives each row a band of Vega-Lite's band scale: the row's name written at
# the top of the band across the full width (so long names fit a phone), its bar or bars
# below. Vega-Lite cannot wrap text to a width, so names are wrapped here, and every band is
# as tall as the longest name needs.

BAR_HEIGHT = 30
BAR_GAP = 18  # between one bar and the next row's label


def _bands(records: list[dict], bars_height: float) -> tuple[dict, float, float]:
    """Wrap each record's name into `lines`; return the y encoding of the rows, the pixel
    height of a band and where in it (from the band's middle) the bars start."""
    for record in records:
        record["lines"] = _wrap(record["category"])
    names_height = LINE_HEIGHT * max((len(r["lines"]) for r in records), default=1) + 2
    step = names_height + bars_height + BAR_GAP
    y = {
        "field": "category",
        "type": "nominal",
        "sort": [r["category"] for r in records],
        "scale": {"paddingInner": 0, "paddingOuter": 0},
        "axis": None,
    }
    return y, step, names_height - step / 2


def _names(y: dict, top: float, *, values=None, bold=False) -> dict:
    """The rows' names, each just above its bars (`top`); a band's spare room is above."""
    mark = {
        "type": "text",
        "align": "left",
        "baseline": "bottom",
        "lineHeight": LINE_HEIGHT,
        "yOffset": top - 2,
        "dy": {"expr": f"{-LINE_HEIGHT} * (length(datum.lines) - 1)"},
    }
    # (A name on more lines starts higher: Vega puts a text's first line at its baseline.)
    if bold:
        mark["fontWeight"] = BOLD_IF_HIGHLIGHT
    return _layer(mark, {"x": {"value": 0}, "y": y, "text": {"field": "lines"}}, values=values)


def bar_chart(
    *,
    title: str,
    description: str,
    rows: Sequence[Mapping],
    category: str,
    value: str,
    category_title: str,
    value_title: str,
    unit: str = "%",
    highlight: str | None = None,
    horizontal: bool = True,
    domain_max: float | None = None,
) -> Chart:
    """One bar per row, in the order given, each ending in its figure.

    Horizontal bars carry their label above them across the full width, so long names fit a
    phone. With `highlight`, that category's bar is teal and its label bold, the others grey.
    A row without a figure says "No figure" instead of a bar. The scale runs from 0 to
    `domain_max`: by default 100 for percentages and the largest value otherwise.
    """
    records = []
    for row in rows:
        amount = _number(row[value])
        name = str(row[category])
        records.append(
            {
                "category": name,
                "value": amount,
                "label": format_value(amount, unit) if amount is not None else gettext("No figure"),
                "highlight": highlight is not None and name == str(highlight),
            }
        )
    end = _scale_end([r["value"] for r in records], unit, domain_max)
    # A negative figure (a deficit, say) is a bar to the left of zero, or below it.
    start = min([0.0] + [r["value"] for r in records if r["value"] is not None])
    scale = {"domain": [start, end], "nice": False, "zero": True}
    colour = {"value": TEAL}
    if any(r["highlight"] for r in records):
        colour = {"condition": {"test": "datum.highlight", "value": TEAL}, "value": GREY}
    tooltip = _tooltip(("category", category_title), ("label", value_title))
    for record in records:
        record["shown"] = record["value"] or 0
        record["anchor"] = max(record["shown"], 0)
    if horizontal:
        layers, height = _horizontal_bars(records, scale=scale, colour=colour, tooltip=tooltip)
    else:
        layers, height = _vertical_bars(records, scale=scale, colour=colour, tooltip=tooltip)
    return _chart(
        layers=layers,
        data=records,
        height=height,
        title=title,
        description=description,
        columns=[category_title, value_title],
        rows=[[r["category"], format_value(r["value"], unit)] for r in records],
    )


def _horizontal_bars(records, *, scale, colour, tooltip):
    y, step, top = _bands(records, BAR_HEIGHT)
    start, end = scale["domain"]
    for record in records:
        # A figure near the end of the scale is written inside its bar, in white; a negative
        # one just after zero. (Vega-Lite cannot measure text, so its width is a guess.)
        room = WIDTH * (end - (record["value"] or 0)) / (end - start or 1)
        record["inside"] = record["value"] is not None and room < _text_width(record["label"]) + 12
    middle = top + BAR_HEIGHT / 2
    bars = _layer(
        {"type": "bar", "height": BAR_HEIGHT, "yOffset": middle},
        {"x": _scaled("shown", scale, axis=None), "x2": {"datum": 0}, "y": y, "color": colour,
         "tooltip": tooltip},
        where="datum.value != null",
    )  # fmt: skip
    figure = {"x": _scaled("anchor", scale), "y": y, "text": {"field": "label"}}
    text = {"type": "text", "baseline": "middle", "yOffset": middle,
            "fontWeight": BOLD_IF_HIGHLIGHT}  # fmt: skip
    after = _layer({**text, "align": "left", "dx": 8}, figure, where="!datum.inside")
    inside = _layer(
        {**text, "align": "right", "dx": -8, "color": "white"}, figure, where="datum.inside"
    )
    layers = [bars, _names(y, top, bold=True), after, inside]
    if start < 0:  # a line at zero, between the deficits and the rest
        layers.insert(
            1,
            _layer(
                {"type": "rule", "color": BLACK, "strokeWidth": 2},
                {"x": {"datum": 0, "type": "quantitative"}},
            ),
        )
    return layers, {"step": step}


def _vertical_bars(records, *, scale, colour, tooltip):
    x = {
        "field": "category",
        "type": "nominal",
        "sort": [r["category"] for r in records],
        "scale": {"paddingInner": 0.3},
        "axis": {"labelAngle": 0, "labelLimit": WIDTH / max(len(records), 1), "ticks": False,
                 "domainWidth": 2},
    }  # fmt: skip
    bars = _layer(
        {"type": "bar"},
        {"x": x, "y": _scaled("value", scale, axis=None), "color": colour, "tooltip": tooltip},
        where="datum.value != null",
    )
    figures = _labels(
        {"x": x, "y": _scaled("anchor", scale), "text": {"field": "label"}},
        mark={"baseline": "bottom", "dy": -6, "fontWeight": BOLD_IF_HIGHLIGHT},
    )
    return [bars, *figures], 280


def stacked_bar_chart(
    *,
    title: str,
    description: str,
    rows: Sequence[Mapping],
    category: str,
    levels: Sequence[str],
    category_title: str,
    unit: str = "%",
    scheme: str = "diverging",
    domain_max: float | None = None,
) -> Chart:
    """One bar per row split into `levels`, in scale order (most positive first), under a key.

    Each row maps `category` to its name and each level to its share, for example
    {"question": "Repairs", "Very satisfied": 40, "Fairly satisfied": 32, ...}; a level missing
    from a row is no share. `scheme` "diverging" colours the two ends of a scale (teal for the
    positive, brown for the negative, grey in the middle); "sequential" runs from dark teal to
    pale, for answers in order that are neither good nor bad. A share wide enough to hold its
    figure shows it; all of them are in the table.
    """
    levels = [str(level) for level in levels]
    colours = _scale_colours(len(levels), scheme)
    records = []
    for row in rows:
        shares = [_number(row.get(level)) for level in levels]
        records.append({"category": str(row[category]), "shares": shares,
                        "empty": not any(shares), "none": gettext("No answers")})  # fmt: skip
    end = _scale_end([sum(s or 0 for s in r["shares"]) for r in records], unit, domain_max)
    y, step, top = _bands(records, BAR_HEIGHT)
    segments = []
    for record in records:
        for order, (level, share) in enumerate(zip(levels, record["shares"], strict=True)):
            if not share:
                continue
            label = format_value(share, unit)
            segments.append(
                {
                    "category": record["category"],
                    "level": level,
                    "order": order,
                    "value": share,
                    "label": label,
                    # Clear space either side of the figure, so neighbours never run together.
                    "fits": share / end * WIDTH >= _text_width(label) + 14,
                }
            )
    scale = {"domain": [0, end], "nice": False, "zero": True}
    # Vega-Lite stacks the shares of each row in scale order.
    stack = [
        {"stack": "value", "groupby": ["category"], "sort": [{"field": "order"}],
         "as": ["start", "end"]},
        {"calculate": "(datum.start + datum.end) / 2", "as": "middle"},
    ]  # fmt: skip
    middle = top + BAR_HEIGHT / 2
    shares = _layer(
        {
            "type": "bar",
            "height": BAR_HEIGHT,
            "yOffset": middle,
            "stroke": "white",
            "strokeWidth": 1.5,
        },
        {
            "x": _scaled("start", scale, axis=None),
            "x2": {"field": "end"},
            "y": y,
            "color": {
                "field": "level",
                "type": "nominal",
                "scale": {"domain": levels, "range": colours},
                "legend": _legend(
                    levels, 22, symbolType="square", symbolStrokeColor=GREY, symbolStrokeWidth=1
                ),
            },  # fmt: skip
            "tooltip": _tooltip(
                ("category", category_title),
                ("level", gettext("Answer")),
                ("label", gettext("Share")),
            ),  # fmt: skip
        },
        transform=stack,
    )
    dark = [
        level
        for level, colour in zip(levels, colours, strict=True)
        if _text_colour_on(colour) == "white"
    ]
    figures = _layer(
        {"type": "text", "baseline": "middle", "fontWeight": "bold", "yOffset": middle},
        {"x": _scaled("middle", scale), "y": y, "text": {"field": "label"},
         "color": {"condition": {"test": {"field": "level", "oneOf": dark}, "value": "white"},
                   "value": BLACK}},
        where="datum.fits", transform=stack,
    )  # fmt: skip
    nobody = _layer(
        {"type": "text", "align": "left", "baseline": "middle", "yOffset": middle},
        {"x": {"value": 0}, "y": y, "text": {"field": "none"}},
        where="datum.empty",
        values=records,
    )
    return _chart(
        layers=[shares, figures, _names(y, top, values=records), nobody],
        data=segments,
        height={"step": step},
        title=title,
        description=description,
        columns=[category_title, *levels],
        rows=[[r["category"], *(format_value(s, unit) for s in r["shares"])] for r in records],
    )


def grouped_bar_chart(
    *,
    title: str,
    description: str,
    rows: Sequence[Mapping],
    category: str,
    series: Sequence[str],
    category_title: str,
    series_titles: Sequence[str] | None = None,
    unit: str = "%",
    domain_max: float | None = None,
) -> Chart:
    """Two or three bars side by side for each row, to compare shares: who answered a survey
    against who lives on the estate ("reach"), this year against last.

    `series` are the fields of each row to draw, `series_titles` their names in the key and
    the table (by default the field names). The first series is teal, the second pale grey
    outlined in dark grey, the third dark grey; each bar ends in its figure.
    """
    titles = [str(t) for t in (series_titles or series)]
    if not 1 <= len(series) <= len(GROUP_COLOURS):
        raise ValueError(f"a grouped bar chart has 1 to {len(GROUP_COLOURS)} series")
    records, bars = [], []
    for row in rows:
        amounts = [_number(row.get(field)) for field in series]
        records.append({"category": str(row[category]), "amounts": amounts})
        for title_, amount in zip(titles, amounts, strict=True):
            label = format_value(amount, unit) if amount is not None else gettext("No figure")
            bars.append({"category": str(row[category]), "series": title_, "value": amount,
                         "label": label, "shown": amount or 0})  # fmt: skip
    end = _scale_end([a for r in records for a in r["amounts"]], unit, domain_max)
    slot = GROUP_BAR_HEIGHT + 4
    y, step, top = _bands(records, slot * len(titles) - 4)
    scale = {"domain": [0, end], "nice": False, "zero": True}
    colour = {
        "field": "series",
        "type": "nominal",
        "scale": {"domain": titles, "range": GROUP_COLOURS[: len(titles)]},
        "legend": _legend(
            titles, 22, symbolType="square", symbolStrokeColor=GREY, symbolStrokeWidth=1
        ),
    }
    tooltip = _tooltip(
        ("category", category_title), ("series", gettext("Group")), ("label", gettext("Share"))
    )
    layers = []
    for index, series_title in enumerate(titles):
        # Each series in its place under the row's name. (Vega-Lite's offset channel would
        # share the band out evenly, leaving no room for the name above.)
        middle = top + index * slot + GROUP_BAR_HEIGHT / 2
        mine = f"datum.series == {json.dumps(series_title)}"
        layers.append(
            _layer(
                {"type": "bar", "stroke": GREY, "strokeWidth": 1, "height": GROUP_BAR_HEIGHT,
                 "yOffset": middle},
                {"x": _scaled("shown", scale, axis=None), "x2": {"datum": 0}, "y": y,
                 "color": colour, "tooltip": tooltip},
                where=f"{mine} && datum.value != null",
            )
        )  # fmt: skip
        layers.append(
            _layer(
                {"type": "text", "align": "left", "baseline": "middle", "dx": 8, "yOffset": middle},
                {"x": _scaled("shown", scale), "y": y, "text": {"field": "label"}},
                where=mine,
            )
        )
    layers.append(_names(y, top, values=records))
    return _chart(
        layers=layers,
        data=bars,
        height={"step": step},
        title=title,
        description=description,
        columns=[category_title, *titles],
        rows=[[r["category"], *(format_value(a, unit) for a in r["amounts"])] for r in records],
    )


def _scale_colours(count: int, scheme: str) -> list[str]:
    if scheme == "sequential":
        if not 1 <= count <= len(SEQUENTIAL):
            raise ValueError(f"a sequential scheme has 1 to {len(SEQUENTIAL)} levels, not {count}")
        # Evenly spread from the darkest, so few levels still differ clearly.
        step = (len(SEQUENTIAL) - 1) / max(count - 1, 1)
        return [SEQUENTIAL[round(i * step)] for i in range(count)]
    if scheme != "diverging":
        raise ValueError(f"scheme is 'diverging' or 'sequential', not {scheme!r}")
    if count not in DIVERGING:
        raise ValueError(f"a diverging scheme has 2 to 7 levels, not {count}")
    return DIVERGING[count]


# ---------------------------------------------------------------------------------------------
# Trends

PLOT_HEIGHT = 300


def trend_chart(
    *,
    title: str,
    description: str,
    rows: Sequence[Mapping],
    period: str,
    value: str,
    value_title: str,
    unit: str = "%",
    target: str | None = None,
    band_low: str | None = None,
    band_high: str | None = None,
    period_title: str | None = None,
    target_title: str | None = None,
    band_title: str | None = None,
) -> Chart:
    """A line of values over periods in the order given ("2021/22", "2022/23"…).

    `target` names the field of each row's target, drawn as a dashed line; `band_low` and
    `band_high` the edges of a shaded band (by default called the top quartile). A missing value
    (None) is a gap in the line, never a zero. Up to six points carry their figure; more would
    crowd, so then only the latest does. `value_title` names the line in the key, so the
    organisation's name suits it.
    """
    period_title = period_title or gettext("Period")
    target_title = target_title or gettext("Target")
    band_title = band_title or gettext("Top quartile")
    has_band = bool(band_low and band_high)
    records = []
    for row in rows:
        record = {
            "period": str(row[period]),
            "value": _number(row[value]),
            "target": _number(row.get(target)) if target else None,
            "low": _number(row.get(band_low)) if has_band else None,
            "high": _number(row.get(band_high)) if has_band else None,
        }
        record["label"] = format_value(record["value"], unit)
        record["target_label"] = format_value(record["target"], unit)
        record["band_label"] = (
            "–"
            if record["low"] is None or record["high"] is None
            else gettext("%(low)s to %(high)s")
            % {"low": format_value(record["low"], unit), "high": format_value(record["high"], unit)}
        )
        records.append(record)
    shown = [r for r in records if r["value"] is not None]
    for index, record in enumerate(records):
        record["labelled"] = record["value"] is not None and (
            len(records) <= 6 or record is shown[-1]
        )
        # A figure goes below its point when the point is under the target line, or, with no
        # target, lower than its neighbours, so that the figure crosses neither line.
        neighbours = [r["value"] for r in records[max(index - 1, 0) : index + 2] if r is not record]
        neighbours = [n for n in neighbours if n is not None]
        if record["value"] is None:
            record["below"] = False
        elif record["target"] is not None:
            record["below"] = record["value"] < record["target"]
        else:
            record["below"] = bool(neighbours) and record["value"] < min(neighbours)
    numbers = [
        n for r in records for n in (r["value"], r["target"], r["low"], r["high"]) if n is not None
    ]
    x = {
        "field": "period",
        "type": "ordinal",
        "sort": [r["period"] for r in records],
        "scale": {"padding": 0.4},
        # "2025/26 Q3" is written on two lines; Vega-Lite leaves out labels that would overlap.
        "axis": {"labelAngle": 0, "labelExpr": "split(datum.label, ' ')", "ticks": False,
                 "labelLineHeight": LINE_HEIGHT - 4, "labelOverlap": "parity", "domainWidth": 2},
    }  # fmt: skip
    domain = _padded_domain(numbers or [0, 100 if unit == "%" else 1], unit)
    y_scale = {"domain": domain, "nice": True, "zero": False}
    y_axis = {"labelExpr": _axis_labels(unit), "tickCount": 5, "domain": False, "ticks": False}
    gaps = "break-paths-show-domains"
    entries = [(str(value_title), TEAL, [1, 0])]
    entries += [(target_title, BLACK, [9, 5])] if target else []
    entries += [(band_title, BAND_FILL, [1, 0])] if has_band else []
    names, colours, dashes = (list(column) for column in zip(*entries, strict=True))

    # Vega-Lite's own key, colour and dash in one; the band shows as a pale teal stroke.
    def key(name: str) -> dict:
        if len(names) == 1:  # a line alone needs no key
            return {"color": {"value": TEAL}}
        return {
            "color": {"datum": name, "scale": {"domain": names, "range": colours}},
            "strokeDash": {"datum": name, "scale": {"domain": names, "range": dashes}},
        }

    layers = []
    tooltip = [("period", period_title), ("label", value_title)]
    if has_band:
        layers.append(
            _layer(
                {"type": "area", "opacity": 1, "invalid": gaps},
                {"x": x, "y": _scaled("low", y_scale, axis=y_axis), "y2": {"field": "high"},
                 "color": key(band_title)["color"]},
            )
        )  # fmt: skip
        tooltip.append(("band_label", band_title))
    if target:
        layers.append(
            _layer(
                {"type": "line", "strokeWidth": 2.5, "invalid": gaps},
                {
                    "x": x,
                    "y": _scaled("target", y_scale, axis=y_axis),
                    "color": {"datum": target_title},
                    "strokeDash": {"datum": target_title},
                },
            )
        )
        tooltip.append(("target_label", target_title))
    y = _scaled("value", y_scale, axis=y_axis)
    layers.append(
        _layer(
            {"type": "line", "strokeWidth": 4, "invalid": gaps},
            {"x": x, "y": y, **key(str(value_title))},
        )
    )
    layers.append(
        _layer(
            {"type": "point", "filled": True, "size": 160, "color": TEAL, "opacity": 1},
            {"x": x, "y": y, "tooltip": _tooltip(*tooltip)},
            where="datum.value != null",
        )
    )
    figure = {"x": x, "y": y, "text": {"field": "label"}}
    layers += _labels(
        figure, mark={"baseline": "bottom", "dy": -12, "fontWeight": "bold"},
        where="datum.labelled && !datum.below",
    )  # fmt: skip
    layers += _labels(
        figure, mark={"baseline": "top", "dy": 12, "fontWeight": "bold"},
        where="datum.labelled && datum.below",
    )  # fmt: skip
    columns = [period_title, value_title]
    if target:
        columns.append(target_title)
    if has_band:
        columns.append(band_title)
    table = []
    for r in records:
        table.append(
            [r["period"], r["label"]]
            + ([r["target_label"]] if target else [])
            + ([r["band_label"]] if has_band else [])
        )
    return _chart(
        layers=layers,
        data=records,
        height=PLOT_HEIGHT,
        title=title,
        description=description,
        columns=columns,
        rows=table,
        autosize="fit-x",
        legend={"columns": 1, "symbolType": "stroke", "symbolStrokeWidth": 6},
    )


# ---------------------------------------------------------------------------------------------
# Position among peers


def _side_for(at: float, width: float, rather: str | None, lines: list[float]) -> str:
    """Which side of its line, at pixel `at`, a label `width` pixels wide is written on:
    "left" aligned (the words run to the right of the line) or "right" aligned (to its left).

    Best is a side where the words fit within the chart and cross no line drawn from the
    rows above; then one where they fit; `rather` ("before" or "after" the line) breaks ties,
    and without it the roomier side wins.
    """
    after, before = ("left", at, at + width), ("right", at - width, at)
    if rather == "before" or (rather is None and at > WIDTH / 2):
        choices = [before, after]
    else:
        choices = [after, before]
    for align, start, end in choices:
        if start >= 0 and end <= WIDTH and not any(start < x < end for x in lines):
            return align
    for align, start, end in choices:
        if start >= 0 and end <= WIDTH:
            return align
    return choices[0][0]


DOT = 16  # pixels between the centres of dots side by side
STACK_HEIGHT = 200  # pixels: the tallest stack of dots; taller ones are squeezed to fit


def position_chart(
    *,
    title: str,
    description: str,
    values: Sequence[float],
    highlight_value: float | None,
    highlight_label: str,
    value_title: str,
    unit: str = "%",
    quartiles: tuple[float, float, float] | None = None,
) -> Chart:
    """Where one organisation sits among its peers: a dot for each peer, stacked where values
    are close, lines at the quartiles and the organisation named in bold on a teal line.

    Without `quartiles` (national ones, say) they are worked out from `values`, when there are
    four or more. The table gives the organisation's figure, the quartiles, the lowest and the
    highest, and how many organisations were compared.
    """
    peers = [v for v in (_number(v) for v in values) if v is not None]
    if quartiles is None and len(peers) >= 4:
        quartiles = tuple(quantiles(peers, n=4, method="inclusive"))
    mine = _number(highlight_value)
    everything = peers + list(quartiles or ()) + ([mine] if mine is not None else [])
    # The dots are stacked in pixel columns here (Vega-Lite cannot stack close values), so the
    # domain is fixed rather than rounded by Vega-Lite, which still picks the ticks.
    low, high = _padded_domain(everything or [0, 100 if unit == "%" else 1], unit)
    span = high - low or 1

    def pixel(v: float) -> float:
        return (v - low) / span * WIDTH

    # The organisation, then the median and the other quartiles, each named on a row of its
    # own above the dots with its line running down from it, so close labels never overlap.
    names = (gettext("Lower quartile"), gettext("Median"), gettext("Upper quartile"))
    notes = []  # (value, words, highlighted, the side the words would rather be on)
    if mine is not None:
        notes.append((mine, f"{highlight_label}: {format_value(mine, unit)}", True, None))
    marked = list(zip(names, quartiles or (), strict=False))
    for index, side in ((1, None), (0, "before"), (2, "after")):
        if index < len(marked):
            name, q = marked[index]
            notes.append((q, f"{name}: {format_value(q, unit)}", False, side))
    stacks: dict[int, int] = {}
    dots = []
    for v in sorted(peers):
        column = round(pixel(v) / DOT)
        stacks[column] = stacks.get(column, 0) + 1
        dots.append({"value": v, "column": column, "level": stacks[column],
                     "label": format_value(v, unit)})  # fmt: skip
    tallest = max(stacks.values(), default=1)
    rise = min(DOT, STACK_HEIGHT / tallest)
    top = len(notes) * LINE_HEIGHT + 8
    baseline = top + tallest * rise + 8
    for dot in dots:
        dot["x"] = low + dot["column"] * DOT / WIDTH * span
        dot["y"] = baseline - (dot["level"] - 0.5) * rise
    note_records, lines_above = [], []
    for row, (at, text, bold, side) in enumerate(notes):
        note_records.append(
            {
                "value": at,
                "text": text,
                "highlight": bold,
                "y": row * LINE_HEIGHT + LINE_HEIGHT / 2,
                "y2": baseline,
                "align": _side_for(pixel(at), _text_width(text) + 10, side, lines_above),
            }
        )
        lines_above.append(pixel(at))
    x_axis = {"labelExpr": _axis_labels(unit), "tickCount": 5, "grid": False, "domainWidth": 2}
    scale = {"domain": [low, high], "nice": False, "zero": False}
    x = _scaled("value", scale)
    layers = [
        _layer(
            {"type": "circle", "color": GREY, "opacity": 1, "size": max(rise - 2, 3) ** 2},
            {
                "x": _scaled("x", scale, axis=x_axis),
                "y": _pixels("y"),
                "tooltip": _tooltip(("label", value_title)),
            },
        ),  # fmt: skip
        _layer(
            {"type": "rule", "strokeWidth": 2, "color": BLACK},
            {"x": x, "y": _pixels("y"), "y2": {"field": "y2"}},
            where="!datum.highlight",
            values=note_records,
        ),  # fmt: skip
        _layer(
            {"type": "rule", "strokeWidth": 5, "color": TEAL},
            {"x": x, "y": _pixels("y"), "y2": {"field": "y2"}},
            where="datum.highlight",
            values=note_records,
        ),  # fmt: skip
    ]
    for align, dx in (("left", 8), ("right", -8)):
        layers += _labels(
            {"x": x, "y": _pixels("y"), "text": {"field": "text"}},
            mark={"align": align, "baseline": "middle", "dx": dx, "fontWeight": BOLD_IF_HIGHLIGHT},
            where=f"datum.align == '{align}'", values=note_records,
        )  # fmt: skip
    table = [[str(highlight_label), format_value(mine, unit)]] if mine is not None else []
    table += [
        [name, format_value(q, unit)] for name, q in zip(names, quartiles or (), strict=False)
    ]
    if peers:
        table += [
            [gettext("Lowest"), format_value(min(peers), unit)],
            [gettext("Highest"), format_value(max(peers), unit)],
        ]
    table.append([gettext("Organisations compared"), f"{len(peers):,}"])
    return _chart(
        layers=layers,
        data=dots,
        height=baseline + 4,
        title=title,
        description=description,
        columns=[gettext("Figure"), value_title],
        rows=table,
    )

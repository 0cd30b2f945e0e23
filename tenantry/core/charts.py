"""Charts that every page, printout and PDF shares: a Vega-Lite spec, its static SVG and its table.

Each builder returns a `Chart`. The template include `includes/chart.html` shows the SVG (so the
chart is there without JavaScript, in print and in a PDF), the figures as a GOV.UK table, and
the spec, which `charts.js` turns into an interactive chart with tooltips where it can.

The specs are plain Vega-Lite, written here as dictionaries and checked against the Vega-Lite
schema by the tests with Altair (building them with Altair's classes took ten times longer than
drawing them). vl-convert draws them as SVG in this process, with no browser.

Positions that depend on text (a label above each bar, long labels wrapped onto more lines,
dots stacked in a dot plot, a key above the plot) are worked out here in pixels and drawn with
`"scale": null`, so the SVG and the interactive chart look the same whatever the browser.

Sizes: a chart is drawn WIDTH pixels wide and scales to its container. On a 375px phone the
container is about 343px wide, so text drawn at FONT_SIZE shrinks to FONT_SIZE × 343 / WIDTH,
kept at 12px or more. Bars, lines and dots meet WCAG 2.2's 3:1 against white, and nothing is
told by colour alone: the highlighted organisation is named in bold, the target line is dashed,
figures are written on the chart, and every figure is in the table.
"""

from __future__ import annotations

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
    """Place a mark at the pixel position held in `field`, with no scale."""
    return {"field": field, "type": "quantitative", "scale": None, "axis": None}


def _scaled(field: str, scale: dict, **options) -> dict:
    """A quantitative field on `scale`; `options` such as axis (None for none) are added."""
    return {"field": field, "type": "quantitative", "scale": scale, **options}


def _layer(mark: dict, encoding: dict, *, where: str | None = None, values=None) -> dict:
    """One layer: a mark, its encoding, an optional filter and optional data of its own."""
    layer = {"mark": mark, "encoding": encoding}
    if where:
        layer["transform"] = [{"filter": where}]
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
SYMBOL = 22  # the side of a square in a key, in pixels


def _key(items: list[dict], *, left: float = 0) -> tuple[list[dict], float]:
    """A key drawn above the plot in rows across the width, starting `left` of the plot (to
    start under the axis labels): each item is a square, a line with a dot or a dashed line.

    `items` are dicts with `label`, `kind` ("square", "line" or "dash") and `colour`.
    Returns the layers to add and the height the key takes above the plot.
    """
    x = y = 0.0
    symbols, texts = [], []
    for item in items:
        symbol_width = SYMBOL if item["kind"] == "square" else 40
        item_width = symbol_width + 8 + _text_width(item["label"])
        if x and x + item_width > WIDTH:
            x, y = 0.0, y + LINE_HEIGHT + 8
        symbols.append({"kind": item["kind"], "colour": item["colour"], "x": x,
                        "x2": x + symbol_width, "row": y})  # fmt: skip
        texts.append({"label": item["label"], "x": x + symbol_width + 8, "row": y})
        x += item_width + 28
    height = y + LINE_HEIGHT + 20  # and a gap between the key and the plot
    for entry in symbols + texts:
        entry["x"] += left
        entry["mid"] = entry["row"] - height + LINE_HEIGHT / 2
    for symbol in symbols:
        symbol["x2"] += left
        symbol["centre"] = (symbol["x"] + symbol["x2"]) / 2
        symbol["top"] = symbol["mid"] - SYMBOL / 2
        symbol["bottom"] = symbol["mid"] + SYMBOL / 2
    colour = {"field": "colour", "type": "nominal", "scale": None, "legend": None}
    line = {"x": _pixels("x"), "x2": {"field": "x2"}, "y": _pixels("mid"), "color": colour}
    layers = [
        _layer(
            {"type": "rect", "stroke": GREY, "strokeWidth": 1},
            {
                "x": _pixels("x"),
                "x2": {"field": "x2"},
                "y": _pixels("top"),
                "y2": {"field": "bottom"},
                "fill": colour,
            },
            where="datum.kind == 'square'",
            values=symbols,
        ),  # fmt: skip
        _layer(
            {"type": "rule", "strokeWidth": 4}, line, where="datum.kind == 'line'", values=symbols
        ),  # fmt: skip
        _layer(
            {"type": "point", "filled": True, "size": 110, "opacity": 1},
            {"x": _pixels("centre"), "y": _pixels("mid"), "color": colour},
            where="datum.kind == 'line'",
            values=symbols,
        ),  # fmt: skip
        _layer(
            {"type": "rule", "strokeWidth": 3, "strokeDash": [9, 5]},
            line,
            where="datum.kind == 'dash'",
            values=symbols,
        ),  # fmt: skip
        _layer(
            {"type": "text", "align": "left", "baseline": "middle"},
            {"x": _pixels("x"), "y": _pixels("mid"), "text": {"field": "label"}},
            values=texts,
        ),
    ]
    return layers, height


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
    height: float,
    width: float = WIDTH,
    title: str,
    description: str,
    columns: Sequence[str],
    rows: list[list[str]],
) -> Chart:
    """Put the layers together over the chart's own records, draw it and pair it with its table.

    The records sit at the top of the spec, where every layer without data of its own finds
    them; keys and labels carry theirs.
    """
    spec = {
        "$schema": SCHEMA,
        "description": str(description),
        "data": {"values": data},
        "width": round(width),
        "height": round(height),
        "autosize": {"type": "pad"},
        "layer": layers,
        "config": _config(),
    }
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


def _nice_domain(values: Sequence[float], unit: str) -> tuple[float, float, float]:
    """A scale from a little below the smallest value to a little above the largest in round
    numbers, and the step between its ticks; percentages stay within 0 to 100."""
    low, high = min(values), max(values)
    spread = high - low or abs(high) or 1
    low, high = low - spread * 0.15, high + spread * 0.15
    step = 10 ** math.floor(math.log10(high - low))
    for multiple in (0.1, 0.2, 0.5, 1, 2, 5, 10):
        if (high - low) / (step * multiple) <= 6:
            step *= multiple
            break
    low, high = math.floor(low / step) * step, math.ceil(high / step) * step
    if min(values) >= 0:
        low = max(low, 0)
    if unit == "%" and max(values) <= 100:  # over 100% (rent with arrears collected) stays in view
        high = min(high, 100)
    return low, high, step


def _ticks(low: float, high: float, step: float) -> list[float]:
    return [round(low + i * step, 10) for i in range(round((high - low) / step) + 1)]


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

BAR_HEIGHT = 30
BAR_GAP = 18  # between one bar and the next row's label


def _rows_of_bars(records: list[dict]) -> float:
    """Lay out a label above each bar: set each record's text_y, bar_y, bar_y2 and bar_mid in
    pixels, and return the height they take."""
    y = 0.0
    for record in records:
        record["lines"] = _wrap(record["category"])
        record["text_y"] = y
        y += LINE_HEIGHT * len(record["lines"]) + 2
        record["bar_y"], record["bar_y2"] = y, y + BAR_HEIGHT
        record["bar_mid"] = y + BAR_HEIGHT / 2
        y += BAR_HEIGHT + BAR_GAP
    return max(y - BAR_GAP, 1)


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
    height = _rows_of_bars(records)
    start, end = scale["domain"]
    for record in records:
        # A figure near the end of the scale is written inside its bar, in white; a negative
        # one just after zero.
        room = WIDTH * (end - (record["value"] or 0)) / (end - start or 1)
        record["inside"] = record["value"] is not None and room < _text_width(record["label"]) + 12
        record["shown"] = record["value"] or 0
        record["anchor"] = max(record["shown"], 0)
    bars = _layer(
        {"type": "bar"},
        {"x": _scaled("shown", scale, axis=None), "x2": {"datum": 0}, "y": _pixels("bar_y"),
         "y2": {"field": "bar_y2"}, "color": colour, "tooltip": tooltip},
        where="datum.value != null",
    )  # fmt: skip
    names = _layer(
        {"type": "text", "align": "left", "baseline": "top", "lineHeight": LINE_HEIGHT, "dy": 2,
         "fontWeight": BOLD_IF_HIGHLIGHT},
        {"x": {"value": 0}, "y": _pixels("text_y"), "text": {"field": "lines"}},
    )  # fmt: skip
    figure = {"x": _scaled("anchor", scale), "y": _pixels("bar_mid"), "text": {"field": "label"}}
    after = _layer(
        {"type": "text", "align": "left", "baseline": "middle", "dx": 8,
         "fontWeight": BOLD_IF_HIGHLIGHT},
        figure, where="!datum.inside",
    )  # fmt: skip
    inside = _layer(
        {"type": "text", "align": "right", "baseline": "middle", "dx": -8, "color": "white",
         "fontWeight": BOLD_IF_HIGHLIGHT},
        figure, where="datum.inside",
    )  # fmt: skip
    layers = [bars, names, after, inside]
    if start < 0:  # a line at zero, between the deficits and the rest
        layers.insert(
            1,
            _layer(
                {"type": "rule", "color": BLACK, "strokeWidth": 2},
                {
                    "x": {"datum": 0, "type": "quantitative"},
                    "y": {"value": 0},
                    "y2": {"value": height},
                },
            ),  # fmt: skip
        )
    return layers, height


def _vertical_bars(records, *, scale, colour, tooltip):
    for record in records:
        record["shown"] = record["value"] or 0
        record["anchor"] = max(record["shown"], 0)
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
    height = _rows_of_bars(records)
    segments = []
    for record in records:
        start = 0.0
        for level, colour, share in zip(levels, colours, record["shares"], strict=True):
            if not share:
                continue
            label = format_value(share, unit)
            segments.append(
                {
                    "category": record["category"],
                    "level": level,
                    "value": share,
                    "label": label,
                    "start": start,
                    "end": start + share,
                    "middle": start + share / 2,
                    "colour": colour,
                    "text_colour": _text_colour_on(colour),
                    "fits": share / end * WIDTH >= _text_width(label) + 14,
                    "bar_y": record["bar_y"],
                    "bar_y2": record["bar_y2"],
                    "bar_mid": record["bar_mid"],
                }
            )
            start += share
    scale = {"domain": [0, end], "nice": False, "zero": True}
    nominal = {"type": "nominal", "scale": None, "legend": None}
    shares = _layer(
        {"type": "rect", "stroke": "white", "strokeWidth": 1.5},
        {
            "x": _scaled("start", scale, axis=None),
            "x2": {"field": "end"},
            "y": _pixels("bar_y"),
            "y2": {"field": "bar_y2"},
            "fill": {"field": "colour", **nominal},
            "tooltip": _tooltip(
                ("category", category_title),
                ("level", gettext("Answer")),
                ("label", gettext("Share")),
            ),  # fmt: skip
        },
    )
    figures = _layer(
        {"type": "text", "baseline": "middle", "fontWeight": "bold"},
        {"x": _scaled("middle", scale), "y": _pixels("bar_mid"), "text": {"field": "label"},
         "color": {"field": "text_colour", **nominal}},
        where="datum.fits",
    )  # fmt: skip
    names = _layer(
        {"type": "text", "align": "left", "baseline": "top", "lineHeight": LINE_HEIGHT, "dy": 2},
        {"x": {"value": 0}, "y": _pixels("text_y"), "text": {"field": "lines"}},
        values=records,
    )
    nobody = _layer(
        {"type": "text", "align": "left", "baseline": "middle"},
        {"x": {"value": 0}, "y": _pixels("bar_mid"), "text": {"field": "none"}},
        where="datum.empty",
        values=records,
    )
    key, _ = _key(
        [
            {"label": level, "kind": "square", "colour": colour}
            for level, colour in zip(levels, colours, strict=True)
        ]
    )
    return _chart(
        layers=[shares, figures, names, nobody, *key],
        data=segments,
        height=height,
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
    end = _scale_end([a for r in records for a in r["amounts"]], unit, domain_max)
    y = 0.0
    for record in records:
        record["lines"] = _wrap(record["category"])
        record["text_y"] = y
        y += LINE_HEIGHT * len(record["lines"]) + 2
        for title_, colour, amount in zip(titles, GROUP_COLOURS, record["amounts"], strict=False):
            label = format_value(amount, unit) if amount is not None else gettext("No figure")
            bars.append(
                {
                    "category": record["category"],
                    "series": title_,
                    "value": amount,
                    "label": label,
                    "shown": amount or 0,
                    "colour": colour,
                    "bar_y": y,
                    "bar_y2": y + GROUP_BAR_HEIGHT,
                    "bar_mid": y + GROUP_BAR_HEIGHT / 2,
                }
            )
            y += GROUP_BAR_HEIGHT + 4
        y += BAR_GAP - 4
    height = max(y - BAR_GAP, 1)
    scale = {"domain": [0, end], "nice": False, "zero": True}
    nominal = {"type": "nominal", "scale": None, "legend": None}
    layers = [
        _layer(
            {"type": "bar", "stroke": GREY, "strokeWidth": 1},
            {
                "x": _scaled("shown", scale, axis=None),
                "x2": {"datum": 0},
                "y": _pixels("bar_y"),
                "y2": {"field": "bar_y2"},
                "fill": {"field": "colour", **nominal},
                "tooltip": _tooltip(
                    ("category", category_title),
                    ("series", gettext("Group")),
                    ("label", gettext("Share")),
                ),
            },
            where="datum.value != null",
        ),  # fmt: skip
        _layer(
            {"type": "text", "align": "left", "baseline": "middle", "dx": 8},
            {"x": _scaled("shown", scale), "y": _pixels("bar_mid"), "text": {"field": "label"}},
        ),
        _layer(
            {
                "type": "text",
                "align": "left",
                "baseline": "top",
                "lineHeight": LINE_HEIGHT,
                "dy": 2,
            },
            {"x": {"value": 0}, "y": _pixels("text_y"), "text": {"field": "lines"}},
            values=records,
        ),
    ]
    key, _ = _key(
        [
            {"label": t, "kind": "square", "colour": c}
            for t, c in zip(titles, GROUP_COLOURS, strict=False)
        ]
    )
    return _chart(
        layers=layers + key,
        data=bars,
        height=height,
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
        # The figure goes below its point when the point is under the target line, so the two
        # do not cross.
        record["below"] = record["target"] is not None and (record["value"] or 0) < record["target"]
        records.append(record)
    shown = [r for r in records if r["value"] is not None]
    for record in records:
        record["labelled"] = record["value"] is not None and (
            len(records) <= 6 or record is shown[-1]
        )
    numbers = [
        n for r in records for n in (r["value"], r["target"], r["low"], r["high"]) if n is not None
    ]
    low, high, step = _nice_domain(numbers or [0, 100 if unit == "%" else 1], unit)
    ticks = _ticks(low, high, step)
    # Room on the left for the longest tick label; the plot takes the rest of the width.
    axis_width = round(max(_text_width(format_value(t, unit)) for t in ticks) + 10)
    x = {
        "field": "period",
        "type": "ordinal",
        "sort": [r["period"] for r in records],
        "scale": {"padding": 0.4},
        "axis": {"labelAngle": 0, "labelOverlap": "parity", "ticks": False, "domainWidth": 2},
    }
    y_scale = {"domain": [low, high], "nice": False, "zero": False}
    y_axis = {"labelExpr": _axis_labels(unit), "values": ticks, "domain": False, "ticks": False}
    gaps = "break-paths-show-domains"
    layers, key = [], [{"label": str(value_title), "kind": "line", "colour": TEAL}]
    tooltip = [("period", period_title), ("label", value_title)]
    if has_band:
        layers.append(
            _layer(
                {"type": "area", "color": BAND_FILL, "opacity": 1, "invalid": gaps},
                {"x": x, "y": _scaled("low", y_scale, axis=y_axis), "y2": {"field": "high"}},
            )
        )
        key.append({"label": band_title, "kind": "square", "colour": BAND_FILL})
        tooltip.append(("band_label", band_title))
    if target:
        layers.append(
            _layer(
                {"type": "line", "color": BLACK, "strokeWidth": 2.5, "strokeDash": [9, 5],
                 "invalid": gaps},
                {"x": x, "y": _scaled("target", y_scale, axis=y_axis)},
            )
        )  # fmt: skip
        key.insert(1, {"label": target_title, "kind": "dash", "colour": BLACK})
        tooltip.append(("target_label", target_title))
    y = _scaled("value", y_scale, axis=y_axis)
    layers.append(
        _layer({"type": "line", "color": TEAL, "strokeWidth": 4, "invalid": gaps}, {"x": x, "y": y})
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
    if len(key) > 1:
        key_layers, _ = _key(key, left=-axis_width)
        layers += key_layers
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
        width=WIDTH - axis_width,
        height=PLOT_HEIGHT,
        title=title,
        description=description,
        columns=columns,
        rows=table,
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
    low, high, step = _nice_domain(everything or [0, 100 if unit == "%" else 1], unit)
    span = high - low or 1
    ticks = _ticks(low, high, step)

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
    x_axis = {"labelExpr": _axis_labels(unit), "values": ticks, "grid": False, "domainWidth": 2}
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

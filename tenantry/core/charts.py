"""Charts that every page, printout and PDF shares: a Vega-Lite spec, its static SVG and its table.

Each builder returns a `Chart`. The template include `includes/chart.html` shows the SVG (so the
chart is there without JavaScript, in print and in a PDF), the figures as a GOV.UK table, and
the spec, which `charts.js` turns into an interactive chart with tooltips when it can.

The specs are built with Altair; vl-convert renders them to SVG in this process (no browser).
Positions that depend on the text (a label above each bar, long labels wrapped onto two lines,
dots stacked in a dot plot) are worked out here in pixels and drawn with `scale=None`, so the
SVG and the interactive chart look the same and nothing depends on how a browser measures text.

Sizes: a chart is drawn WIDTH pixels wide and scales to its container. On a 375px phone the
container is about 343px, so text drawn at FONT_SIZE shrinks to FONT_SIZE × 343 / WIDTH, which
is kept at 12px or more. Colours meet WCAG 2.2's 3:1 for graphics against white, and nothing
is told by colour alone: the highlighted organisation is named, the target line is dashed,
every bar and dot that matters carries its figure in words.
"""

from __future__ import annotations

import math
import re
import textwrap
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from statistics import quantiles as _quantiles
from xml.sax.saxutils import quoteattr

import altair as alt
import vl_convert
from django.utils.translation import gettext

WIDTH = 600  # pixels: the width of the GOV.UK two-thirds column on a desktop
PHONE_WIDTH = 343  # pixels: a 375px phone's screen less GOV.UK's page margins
FONT_SIZE = 22  # 22 × 343 / 600 = 12.6px on a phone
SMALL_FONT_SIZE = 22  # nothing smaller: the phone is the reader we draw for
LINE_HEIGHT = 28
FONT = "system-ui, -apple-system, Segoe UI, Roboto, Arial, sans-serif"

TEAL = "#00594f"  # Tenantry's colour: 7.9:1 against white
GREY = "#505a5f"  # GOV.UK secondary text: 7.0:1 against white
BLACK = "#0b0c0c"  # GOV.UK text
LIGHT_GREY = "#b1b4b6"  # only for what is decorative (grid lines)
BAND_FILL = "#cfe3e0"  # a pale teal behind the line: the band's edges are drawn in GREY
BACKGROUND = "white"

# Answers on a scale, most positive first: ColorBrewer's BrBG (brown to blue-green), which
# people with any common colour-vision deficiency can tell apart, darkened at the ends so they
# reach 3:1 against white; the middle (neutral) answer is a light grey outlined by the bar.
SCALE_COLOURS = {
    2: ["#01665e", "#8c510a"],
    3: ["#01665e", "#d9d9d9", "#8c510a"],
    4: ["#01665e", "#80cdc1", "#dfc27d", "#8c510a"],
    5: ["#01665e", "#80cdc1", "#e0e0e0", "#dfc27d", "#8c510a"],
    6: ["#01665e", "#35978f", "#80cdc1", "#dfc27d", "#bf812d", "#8c510a"],
    7: ["#01665e", "#35978f", "#80cdc1", "#e0e0e0", "#dfc27d", "#bf812d", "#8c510a"],
}
# Text drawn on each of those colours: white on the dark ones, black on the light ones.
DARK_COLOURS = {"#01665e", "#35978f", "#8c510a", "#bf812d"}
SEQUENTIAL_COLOURS = ["#01665e", "#35978f", "#80cdc1", "#c7eae5", "#e0e0e0", "#f6e8c3", "#dfc27d"]


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
    """A figure as people read it: "92%", "8.5 days", "£1,200", "1,234"; a dash when missing."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    # Half away from zero, as people round by hand (67.25 -> 67.3), not to the nearest even.
    number = f"{Decimal(str(value)).quantize(Decimal('0.1'), rounding=ROUND_HALF_UP):,}"
    if number.endswith(".0"):
        number = number[:-2]
    if number == "-0":
        number = "0"
    if not unit:
        return number
    if unit == "%":
        return f"{number}%"
    if unit in {"£", "$", "€"}:
        return f"-{unit}{number[1:]}" if number.startswith("-") else f"{unit}{number}"
    return f"{number} {unit}"


def _number(value) -> float | None:
    """A value as a float, or None when missing (None, NaN or an empty string)."""
    if value is None or value == "":
        return None
    number = float(value)
    return None if math.isnan(number) else number


def _wrap(text: str, *, width: int = WIDTH, font_size: int = FONT_SIZE) -> list[str]:
    """Lines of `text` that fit `width` pixels, judged by a generous average glyph width."""
    characters = max(8, int(width / (font_size * 0.55)))
    return textwrap.wrap(str(text), characters, break_long_words=True) or [""]


# ---------------------------------------------------------------------------------------------
# Rendering


def _config() -> dict:
    return {
        "font": FONT,
        "background": BACKGROUND,
        "padding": 4,
        "view": {"stroke": None},
        "axis": {
            "labelFontSize": FONT_SIZE,
            "titleFontSize": FONT_SIZE,
            "labelColor": BLACK,
            "titleColor": BLACK,
            "titleFontWeight": "normal",
            "domainColor": GREY,
            "tickColor": GREY,
            "gridColor": LIGHT_GREY,
            "labelPadding": 6,
        },
        "legend": {
            "labelFontSize": FONT_SIZE,
            "titleFontSize": FONT_SIZE,
            "labelColor": BLACK,
            "labelLimit": WIDTH,
            "symbolSize": 360,
            "symbolStrokeColor": GREY,
            "rowPadding": 8,
            "columnPadding": 20,
        },
        "text": {"fontSize": FONT_SIZE, "color": BLACK},
        # The SVG as a whole is named by the description; the marks inside are not read out
        # one by one (the table below the chart gives the figures to a screen reader).
        "aria": False,
    }


_SVG_OPEN = re.compile(r"<svg\b[^>]*>")


def _render(spec: dict, *, description: str) -> str:
    """The spec drawn as SVG that scales to its container and is named by the description."""
    svg = vl_convert.vegalite_to_svg(spec)
    match = _SVG_OPEN.search(svg)
    view_box = re.search(r'viewBox="([^"]+)"', match[0])[1]
    opening = (
        '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
        f' version="1.1" class="tenantry-chart__svg" viewBox="{view_box}" width="100%"'
        f' role="img" aria-label={quoteattr(description)} focusable="false">'
    )
    return svg[: match.start()] + opening + svg[match.end() :]


def _finish(
    chart: alt.TopLevelMixin,
    *,
    data: list[dict],
    title: str,
    description: str,
    columns: list[str],
    rows: list[list[str]],
) -> Chart:
    # The chart's own records at the top of the spec, where every layer without data of its own
    # (a key, the labels of rows) finds them.
    chart = chart.properties(data=alt.Data(values=data), description=description)
    spec = chart.configure(**_config()).to_dict()
    spec["autosize"] = {"type": "pad"}
    return Chart(
        title=str(title),
        description=str(description),
        spec=spec,
        svg=_render(spec, description=str(description)),
        columns=[str(column) for column in columns],
        rows=rows,
    )


# ---------------------------------------------------------------------------------------------
# Pieces shared by the builders

BAR_HEIGHT = 30
BAR_GAP = 18  # between one bar and the next row's label
SYMBOL = 22  # the side of a legend's square, in pixels
BOLD_IF_HIGHLIGHT = {"expr": "datum.highlight ? 'bold' : 'normal'"}


def _text_width(text: str, font_size: int = FONT_SIZE) -> float:
    """A generous guess at the width of `text` in pixels (no font is at hand to measure it)."""
    return len(text) * font_size * 0.56


def _pixels(field: str) -> dict:
    """An encoding that places a mark at the pixel position in `field`, with no scale."""
    return {"field": field, "type": "quantitative", "scale": None, "axis": None}


def _legend(items: list[dict]) -> tuple[alt.LayerChart, int]:
    """A key laid out in rows across the width: each item is a square, a line or a dashed line.

    `items` are dicts with `label`, `kind` ("square", "line", "dash" or "band") and `colour`.
    Returns the chart and its height.
    """
    x = y = 0
    gap = 28
    symbols, texts = [], []
    for item in items:
        symbol_width = SYMBOL if item["kind"] in {"square", "band"} else 40
        width = symbol_width + 8 + _text_width(item["label"])
        if x and x + width > WIDTH:
            x, y = 0, y + LINE_HEIGHT + 8
        symbols.append(
            {
                "kind": item["kind"],
                "colour": item["colour"],
                "x": x,
                "x2": x + symbol_width,
                "mid_x": x + symbol_width / 2,
                "y": y + (LINE_HEIGHT - SYMBOL) / 2,
                "y2": y + (LINE_HEIGHT + SYMBOL) / 2,
                "mid": y + LINE_HEIGHT / 2,
            }
        )
        texts.append(
            {"label": item["label"], "x": x + symbol_width + 8, "mid": y + LINE_HEIGHT / 2}
        )
        x += width + gap
    height = y + LINE_HEIGHT
    data = alt.Data(values=symbols)
    colour = {"field": "colour", "type": "nominal", "scale": None, "legend": None}
    boxes = (
        alt.Chart(data)
        .mark_rect(stroke=GREY, strokeWidth=1)
        .encode(x=_pixels("x"), x2="x2:Q", y=_pixels("y"), y2="y2:Q", fill=colour)
        .transform_filter("datum.kind == 'square' || datum.kind == 'band'")
    )
    solid = (
        alt.Chart(data)
        .mark_rule(strokeWidth=4)
        .encode(x=_pixels("x"), x2="x2:Q", y=_pixels("mid"), color=colour)
        .transform_filter("datum.kind == 'line'")
    )
    dots = (
        alt.Chart(data)
        .mark_point(filled=True, size=110, opacity=1)
        .encode(x=_pixels("mid_x"), y=_pixels("mid"), color=colour)
        .transform_filter("datum.kind == 'line'")
    )
    dashed = (
        alt.Chart(data)
        .mark_rule(strokeWidth=3, strokeDash=[9, 5])
        .encode(x=_pixels("x"), x2="x2:Q", y=_pixels("mid"), color=colour)
        .transform_filter("datum.kind == 'dash'")
    )
    labels = (
        alt.Chart(alt.Data(values=texts))
        .mark_text(align="left", baseline="middle")
        .encode(x=_pixels("x"), y=_pixels("mid"), text="label:N")
    )
    chart = alt.layer(boxes, solid, dots, dashed, labels).properties(width=WIDTH, height=height)
    return chart, height


def _domain_max(values: Sequence[float | None], unit: str, domain_max: float | None) -> float:
    """The end of a bar chart's scale: 100 for percentages, else the largest value."""
    if domain_max is not None:
        return domain_max
    largest = max((v for v in values if v is not None), default=0) or 1
    if unit == "%" and largest <= 100:
        return 100
    return largest


def _nice_domain(values: Sequence[float], unit: str) -> tuple[float, float]:
    """A scale from a little below the smallest value to a little above the largest, in round
    numbers; percentages stay within 0 to 100."""
    low, high = min(values), max(values)
    spread = high - low or abs(high) or 1
    low, high = low - spread * 0.15, high + spread * 0.15
    step = 10 ** math.floor(math.log10(high - low))
    for multiple in (1, 2, 5, 10):
        if (high - low) / (step * multiple) <= 8:
            step *= multiple
            break
    low, high = math.floor(low / step) * step, math.ceil(high / step) * step
    if unit == "%":
        low, high = max(low, 0), min(high, 100)
    if min(values) >= 0:
        low = max(low, 0)
    return low, high


def _axis_format(unit: str) -> str:
    """A Vega expression that writes an axis label with its unit, like format_value."""
    number = "format(datum.value, ',~r')"
    if unit == "%":
        return f"{number} + '%'"
    if unit in {"£", "$", "€"}:
        return f"'{unit}' + {number}"
    if unit:
        return f"{number} + ' {unit}'"
    return number


def _label_rows(records: list[dict], *, name: str = "category") -> int:
    """Place each record's label above its bar: sets text_y, bar_y, bar_y2, bar_mid; returns the
    height all the rows take."""
    y = 0
    for record in records:
        record["lines"] = _wrap(record[name])
        record["text_y"] = y
        y += LINE_HEIGHT * len(record["lines"]) + 2
        record["bar_y"] = y
        record["bar_y2"] = y + BAR_HEIGHT
        record["bar_mid"] = y + BAR_HEIGHT / 2
        y += BAR_HEIGHT + BAR_GAP
    return max(y - BAR_GAP, 1)


# ---------------------------------------------------------------------------------------------
# Bar charts


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

    Horizontal bars carry their label above them, across the full width, so long names fit a
    phone. The highlighted category's bar is teal and its label bold (the others are grey). A
    row without a figure says "No figure" instead of a bar. The scale runs from 0 to
    `domain_max`, by default 100 for percentages and the largest value otherwise.
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
    top = _domain_max([r["value"] for r in records], unit, domain_max)
    build = _horizontal_bars if horizontal else _vertical_bars
    chart = build(records, top=top, category_title=category_title, value_title=value_title)
    return _finish(
        chart,
        data=records,
        title=title,
        description=description,
        columns=[category_title, value_title],
        rows=[[r["category"], format_value(r["value"], unit)] for r in records],
    )


def _bar_colour(records: list[dict]) -> dict:
    if any(r["highlight"] for r in records):
        return alt.condition("datum.highlight", alt.value(TEAL), alt.value(GREY))
    return alt.value(TEAL)


def _horizontal_bars(records, *, top, category_title, value_title):
    height = _label_rows(records)
    for record in records:
        # A figure near the end of the scale goes inside its bar, in white.
        text = record["label"]
        room = WIDTH * (1 - (record["value"] or 0) / top)
        record["inside"] = record["value"] is not None and room < _text_width(text) + 12
        record["zero"] = 0
    base = alt.Chart()
    scale = alt.Scale(domain=[0, top], nice=False, zero=True)
    tooltip = [
        alt.Tooltip("category:N", title=str(category_title)),
        alt.Tooltip("label:N", title=str(value_title)),
    ]
    bars = (
        base.mark_bar()
        .encode(
            x=alt.X("zero:Q", scale=scale, axis=None),
            x2="value:Q",
            y=_pixels("bar_y"),
            y2="bar_y2:Q",
            color=_bar_colour(records),
            tooltip=tooltip,
        )
        .transform_filter("datum.value != null")
    )
    labels = base.mark_text(
        align="left", baseline="top", lineHeight=LINE_HEIGHT, dy=2, fontWeight=BOLD_IF_HIGHLIGHT
    ).encode(x=alt.value(0), y=_pixels("text_y"), text="lines:N")
    outside = (
        base.mark_text(align="left", baseline="middle", dx=8, fontWeight=BOLD_IF_HIGHLIGHT)
        .encode(x=alt.X("shown:Q", scale=scale), y=_pixels("bar_mid"), text="label:N")
        .transform_filter("!datum.inside")
        .transform_calculate(shown="datum.value == null ? 0 : datum.value")
    )
    inside = (
        base.mark_text(
            align="right", baseline="middle", dx=-8, color="white", fontWeight=BOLD_IF_HIGHLIGHT
        )
        .encode(x=alt.X("value:Q", scale=scale), y=_pixels("bar_mid"), text="label:N")
        .transform_filter("datum.inside")
    )
    return alt.layer(bars, labels, outside, inside).properties(width=WIDTH, height=height)


def _vertical_bars(records, *, top, category_title, value_title):
    base = alt.Chart()
    order = [r["category"] for r in records]
    x = alt.X(
        "category:N",
        sort=order,
        title=None,
        scale=alt.Scale(paddingInner=0.3),
        axis=alt.Axis(labelAngle=0, labelLimit=WIDTH / max(len(records), 1), ticks=False,
                      domainColor=GREY, domainWidth=2),
    )  # fmt: skip
    scale = alt.Scale(domain=[0, top], nice=False)
    tooltip = [
        alt.Tooltip("category:N", title=str(category_title)),
        alt.Tooltip("label:N", title=str(value_title)),
    ]
    bars = base.mark_bar().encode(
        x=x,
        y=alt.Y("value:Q", scale=scale, axis=None),
        color=_bar_colour(records),
        tooltip=tooltip,
    )
    labels = (
        base.mark_text(baseline="bottom", dy=-6, fontWeight=BOLD_IF_HIGHLIGHT)
        .encode(x=x, y=alt.Y("shown:Q", scale=scale), text="label:N")
        .transform_calculate(shown="datum.value == null ? 0 : datum.value")
    )
    return alt.layer(bars, labels).properties(width=WIDTH, height=300)


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
    """One bar per row split into `levels`, in scale order (most positive first), with a key.

    Each row maps `category` to its name and each level to its share, for example
    {"question": "Repairs service", "Very satisfied": 40, "Fairly satisfied": 32, ...}.
    `scheme` "diverging" colours the two ends of a scale (teal for the positive end, brown for
    the negative, grey in the middle); "sequential" runs from dark teal to light. Shares wide
    enough to hold their figure show it; all of them are in the table.
    """
    levels = [str(level) for level in levels]
    colours = _scale_colours(len(levels), scheme)
    records, segments = [], []
    for row in rows:
        amounts = [_number(row.get(level)) for level in levels]
        records.append({"category": str(row[category]), "amounts": amounts, "highlight": False})
    top = _domain_max([sum(a or 0 for a in r["amounts"]) for r in records], unit, domain_max)
    legend, legend_height = _legend(
        [
            {"label": level, "kind": "square", "colour": colour}
            for level, colour in zip(levels, colours, strict=True)
        ]
    )
    height = _label_rows(records)
    for record in records:
        start = 0.0
        for level, colour, amount in zip(levels, colours, record["amounts"], strict=True):
            if not amount:
                continue
            label = format_value(amount, unit)
            segments.append(
                {
                    "category": record["category"],
                    "level": level,
                    "value": amount,
                    "label": label,
                    "start": start,
                    "end": start + amount,
                    "middle": start + amount / 2,
                    "colour": colour,
                    "text_colour": "white" if colour in DARK_COLOURS else BLACK,
                    "fits": amount / top * WIDTH >= _text_width(label) + 6,
                    "bar_y": record["bar_y"],
                    "bar_y2": record["bar_y2"],
                    "bar_mid": record["bar_mid"],
                }
            )
            start += amount
        record["empty"] = start == 0
        record["none_label"] = gettext("No answers")
    scale = alt.Scale(domain=[0, top], nice=False, zero=True)
    segment_data = alt.Chart()
    bars = segment_data.mark_rect(stroke="white", strokeWidth=1.5).encode(
        x=alt.X("start:Q", scale=scale, axis=None),
        x2="end:Q",
        y=_pixels("bar_y"),
        y2="bar_y2:Q",
        fill=alt.Fill("colour:N", scale=None, legend=None),
        tooltip=[
            alt.Tooltip("category:N", title=str(category_title)),
            alt.Tooltip("level:N", title=gettext("Answer")),
            alt.Tooltip("label:N", title=gettext("Share")),
        ],
    )
    figures = (
        segment_data.mark_text(baseline="middle", fontWeight="bold")
        .encode(
            x=alt.X("middle:Q", scale=scale),
            y=_pixels("bar_mid"),
            text="label:N",
            color=alt.Color("text_colour:N", scale=None, legend=None),
        )
        .transform_filter("datum.fits")
    )
    row_data = alt.Chart(alt.Data(values=records))
    labels = row_data.mark_text(align="left", baseline="top", lineHeight=LINE_HEIGHT, dy=2).encode(
        x=alt.value(0), y=_pixels("text_y"), text="lines:N"
    )
    empty = (
        row_data.mark_text(align="left", baseline="middle")
        .encode(x=alt.value(0), y=_pixels("bar_mid"), text="none_label:N")
        .transform_filter("datum.empty")
    )
    plot = alt.layer(bars, figures, labels, empty).properties(width=WIDTH, height=height)
    chart = alt.vconcat(legend, plot, spacing=20)
    table = [[r["category"], *(format_value(a, unit) for a in r["amounts"])] for r in records]
    return _finish(
        chart,
        data=segments,
        title=title,
        description=description,
        columns=[category_title, *levels],
        rows=table,
    )


def _scale_colours(count: int, scheme: str) -> list[str]:
    if scheme == "sequential":
        if count > len(SEQUENTIAL_COLOURS):
            raise ValueError(f"a sequential scheme has at most {len(SEQUENTIAL_COLOURS)} levels")
        return SEQUENTIAL_COLOURS[:count]
    if scheme != "diverging":
        raise ValueError(f"scheme is 'diverging' or 'sequential', not {scheme!r}")
    if count == 1:
        return [TEAL]
    if count not in SCALE_COLOURS:
        raise ValueError(f"a diverging scheme has 2 to 7 levels, not {count}")
    return SCALE_COLOURS[count]


# ---------------------------------------------------------------------------------------------
# Trends


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
    """A line of values over periods in the order given, each point with its figure.

    `target` names the field of each row's target, drawn as a dashed line; `band_low` and
    `band_high` the edges of a shaded band (the top quartile, say). A missing value (None) is a
    gap in the line, never a zero.
    """
    period_title = period_title or gettext("Period")
    target_title = target_title or gettext("Target")
    band_title = band_title or gettext("Top quartile")
    records = []
    for row in rows:
        record = {
            "period": str(row[period]),
            "value": _number(row[value]),
            "target": _number(row[target]) if target else None,
            "low": _number(row[band_low]) if band_low else None,
            "high": _number(row[band_high]) if band_high else None,
        }
        record["label"] = format_value(record["value"], unit)
        record["target_label"] = format_value(record["target"], unit)
        record["band_label"] = (
            f"{format_value(record['low'], unit)} to {format_value(record['high'], unit)}"
        )
        records.append(record)
    numbers = [
        n for r in records for n in (r["value"], r["target"], r["low"], r["high"]) if n is not None
    ]
    low, high = _nice_domain(numbers or [0, 100 if unit == "%" else 1], unit)
    order = [r["period"] for r in records]
    base = alt.Chart()
    x = alt.X(
        "period:O",
        sort=order,
        title=None,
        scale=alt.Scale(padding=0.4),
        axis=alt.Axis(labelAngle=0, labelOverlap="parity", ticks=False, domainColor=GREY),
    )
    y_scale = alt.Scale(domain=[low, high], nice=False, zero=False)
    y = alt.Y(
        "value:Q",
        title=None,
        scale=y_scale,
        axis=alt.Axis(labelExpr=_axis_format(unit), tickCount=5, domain=False, ticks=False,
                      gridColor="#dcdfe0"),
    )  # fmt: skip
    tooltip = [alt.Tooltip("period:N", title=str(period_title)),
               alt.Tooltip("label:N", title=str(value_title))]  # fmt: skip
    layers, key = [], []
    if band_low and band_high:
        layers.append(
            base.mark_area(color=BAND_FILL, opacity=1, invalid="break-paths-show-domains").encode(
                x=x, y=alt.Y("low:Q", scale=y_scale), y2="high:Q"
            )
        )
        key.append({"label": band_title, "kind": "band", "colour": BAND_FILL})
        tooltip.append(alt.Tooltip("band_label:N", title=str(band_title)))
    if target:
        layers.append(
            base.mark_line(color=BLACK, strokeWidth=2.5, strokeDash=[9, 5],
                           invalid="break-paths-show-domains")
            .encode(x=x, y=alt.Y("target:Q", scale=y_scale))
        )  # fmt: skip
        key.insert(0, {"label": target_title, "kind": "dash", "colour": BLACK})
        tooltip.append(alt.Tooltip("target_label:N", title=str(target_title)))
    layers.append(
        base.mark_line(color=TEAL, strokeWidth=4, invalid="break-paths-show-domains").encode(
            x=x, y=y
        )
    )
    layers.append(
        base.mark_point(filled=True, size=160, color=TEAL, opacity=1)
        .encode(x=x, y=y, tooltip=tooltip)
        .transform_filter("datum.value != null")
    )
    # Every figure when there are few; only the latest when they would crowd each other.
    labelled = records if len(records) <= 6 else [r for r in records if r["value"] is not None][-1:]
    for record in records:
        record["labelled"] = any(record is r for r in labelled)
    layers.append(
        base.mark_text(baseline="bottom", dy=-12, fontWeight="bold", color=BLACK)
        .encode(x=x, y=y, text="label:N")
        .transform_filter("datum.value != null && datum.labelled")
    )
    plot = alt.layer(*layers).properties(width=WIDTH - 70, height=300)
    key.insert(0, {"label": str(value_title), "kind": "line", "colour": TEAL})
    legend, _ = _legend(key)
    chart = alt.vconcat(legend, plot, spacing=16) if len(key) > 1 else plot
    columns = [period_title, value_title]
    if target:
        columns.append(target_title)
    if band_low and band_high:
        columns.append(band_title)
    table = []
    for r in records:
        cells = [r["period"], r["label"]]
        if target:
            cells.append(r["target_label"])
        if band_low and band_high:
            cells.append(r["band_label"] if r["low"] is not None else "–")
        table.append(cells)
    return _finish(
        chart, data=records, title=title, description=description, columns=columns, rows=table
    )


# ---------------------------------------------------------------------------------------------
# Position among peers

DOT = 16  # pixels between dots' centres


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
    are close, lines at the quartiles and the organisation named above its position.

    Without `quartiles` they are worked out from `values` (when there are four or more).
    """
    peers = [v for v in (_number(v) for v in values) if v is not None]
    if quartiles is None and len(peers) >= 4:
        quartiles = tuple(_quantiles(peers, n=4, method="inclusive"))
    mine = _number(highlight_value)
    everything = peers + list(quartiles or ()) + ([mine] if mine is not None else [])
    low, high = _nice_domain(everything or [0, 100 if unit == "%" else 1], unit)
    span = high - low or 1

    def pixel(v: float) -> float:
        return (v - low) / span * WIDTH

    # Rows of words at the top: the organisation, then each quartile on a line of its own so
    # that labels of close quartiles never overlap.
    notes = []
    if mine is not None:
        notes.append((mine, f"{highlight_label}: {format_value(mine, unit)}", True))
    names = (gettext("Lower quartile"), gettext("Median"), gettext("Upper quartile"))
    for name, q in zip(names, quartiles or (), strict=False):
        notes.append((q, f"{name}: {format_value(q, unit)}", False))
    note_records = []
    for index, (at, text, bold) in enumerate(notes):
        left = pixel(at) < WIDTH / 2
        note_records.append(
            {
                "value": at,
                "text": text,
                "y": index * LINE_HEIGHT + LINE_HEIGHT / 2,
                "align": "left" if left else "right",
                "dx": -4 if left else 4,  # the label starts at its line
                "highlight": bold,
            }
        )
    top = len(notes) * LINE_HEIGHT + 8

    stacks: dict[int, int] = {}
    dots = []
    for v in sorted(peers):
        column = round(pixel(v) / DOT)
        stacks[column] = stacks.get(column, 0) + 1
        dots.append({"value": v, "column": column, "level": stacks[column],
                     "label": format_value(v, unit)})  # fmt: skip
    tallest = max(stacks.values(), default=1)
    step = min(DOT, 200 / tallest)
    dots_height = tallest * step + 8
    baseline = top + dots_height
    for dot in dots:
        dot["x"] = low + dot["column"] * DOT / WIDTH * span
        dot["y"] = baseline - (dot["level"] - 0.5) * step
    height = baseline + 4

    scale = alt.Scale(domain=[low, high], nice=False, zero=False)
    x_axis = alt.Axis(labelExpr=_axis_format(unit), tickCount=6, grid=False, domainColor=GREY,
                      tickColor=GREY, domainWidth=2, title=None)  # fmt: skip
    peer_dots = (
        alt.Chart()
        .mark_circle(color=GREY, opacity=1, size=(step - 2) ** 2, stroke="white", strokeWidth=1)
        .encode(
            x=alt.X("x:Q", scale=scale, axis=x_axis),
            y=_pixels("y"),
            tooltip=[alt.Tooltip("label:N", title=str(value_title))],
        )
    )
    layers = [peer_dots]
    for note in note_records:
        note["y2"] = baseline
    note_data = alt.Chart(alt.Data(values=note_records))
    layers.append(
        note_data.mark_rule(strokeWidth=2, color=BLACK)
        .encode(x=alt.X("value:Q", scale=scale), y=_pixels("y"), y2="y2:Q")
        .transform_filter("!datum.highlight")
    )
    layers.append(
        note_data.mark_rule(strokeWidth=5, color=TEAL)
        .encode(x=alt.X("value:Q", scale=scale), y=_pixels("y"), y2="y2:Q")
        .transform_filter("datum.highlight")
    )
    for align in ("left", "right"):
        layers.append(
            note_data.mark_text(
                align=align, baseline="middle", dx=8 if align == "left" else -8,
                fontWeight=BOLD_IF_HIGHLIGHT,
            )
            .encode(x=alt.X("value:Q", scale=scale), y=_pixels("y"), text="text:N")
            .transform_filter(f"datum.align == '{align}'")
        )  # fmt: skip
    chart = alt.layer(*layers).properties(width=WIDTH, height=height)
    table = []
    if mine is not None:
        table.append([str(highlight_label), format_value(mine, unit)])
    for name, q in zip(names, quartiles or (), strict=False):
        table.append([name, format_value(q, unit)])
    if peers:
        table.append([gettext("Lowest"), format_value(min(peers), unit)])
        table.append([gettext("Highest"), format_value(max(peers), unit)])
    table.append([gettext("Organisations compared"), f"{len(peers):,}"])
    return _finish(
        chart,
        data=dots,
        title=title,
        description=description,
        columns=[gettext("Figure"), value_title],
        rows=table,
    )

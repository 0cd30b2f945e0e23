"""Bar charts: one figure a row, answers stacked in a row, and groups of bars side by side."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence

from django.utils.translation import gettext

from .base import (
    BLACK,
    BOLD_IF_HIGHLIGHT,
    DIVERGING,
    GREY,
    GROUP_BAR_HEIGHT,
    GROUP_COLOURS,
    LINE_HEIGHT,
    SEQUENTIAL,
    TEAL,
    WIDTH,
    Chart,
    _chart,
    _labels,
    _layer,
    _legend,
    _number,
    _scale_end,
    _scaled,
    _text_colour_on,
    _text_width,
    _tooltip,
    _wrap,
    format_value,
)

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

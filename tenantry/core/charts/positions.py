"""The stacked dot plot: where one figure stands among many landlords'."""

from __future__ import annotations

from collections.abc import Sequence
from statistics import quantiles

from django.utils.translation import gettext

from .base import (
    BLACK,
    BOLD_IF_HIGHLIGHT,
    GREY,
    LINE_HEIGHT,
    TEAL,
    WIDTH,
    Chart,
    _axis_labels,
    _chart,
    _labels,
    _layer,
    _number,
    _padded_domain,
    _pixels,
    _scaled,
    _text_width,
    _tooltip,
    format_value,
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

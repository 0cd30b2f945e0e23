"""Trend charts: a figure over the years or quarters, with its target and a shaded band."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from django.utils.translation import gettext

from .base import (
    BAND_FILL,
    BLACK,
    LINE_HEIGHT,
    TEAL,
    Chart,
    _axis_labels,
    _chart,
    _labels,
    _layer,
    _number,
    _padded_domain,
    _scaled,
    _tooltip,
    format_value,
)

# ---------------------------------------------------------------------------------------------
# Trends

PLOT_HEIGHT = 300
SYMBOL_UNITS = ("%", "£", "$", "€", "")  # written beside the number, not as words after it


def _on_point(value: float | None, unit: str) -> str:
    """A point's own figure. A unit written in words after the number ("per 1,000", "days") is
    on every label of the axis, so the point carries the number alone: two figures of "42.9
    per 1,000" side by side ran into each other on a phone."""
    return format_value(value, unit if unit in SYMBOL_UNITS else "")


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
        record["point_label"] = _on_point(record["value"], unit)
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
        # Half a step at each end: room for the first and last periods' names under them.
        "scale": {"padding": 0.5},
        # "2025/26 Q3" is written on two lines; Vega-Lite leaves out every other label when
        # they would come closer than `labelSeparation` (five years' names on a phone).
        "axis": {"labelAngle": 0, "labelExpr": "split(datum.label, ' ')", "ticks": False,
                 "labelLineHeight": LINE_HEIGHT - 4, "labelOverlap": "parity",
                 "labelSeparation": 12, "domainWidth": 2},
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
    figure = {"x": x, "y": y, "text": {"field": "point_label"}}
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

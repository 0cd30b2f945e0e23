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

from .bars import BAR_HEIGHT, bar_chart, grouped_bar_chart, stacked_bar_chart
from .base import (
    BAND_FILL,
    BLACK,
    DIVERGING,
    FONT,
    FONT_SIZE,
    GREY,
    LINE_HEIGHT,
    PADDING,
    TEAL,
    WIDTH,
    Chart,
    format_value,
)
from .positions import position_chart
from .trends import trend_chart

__all__ = [
    "BAND_FILL", "BAR_HEIGHT", "BLACK", "DIVERGING", "FONT", "FONT_SIZE", "GREY", "LINE_HEIGHT",
    "PADDING", "TEAL", "WIDTH", "Chart", "bar_chart", "format_value", "grouped_bar_chart",
    "position_chart", "stacked_bar_chart", "trend_chart",
]  # fmt: skip

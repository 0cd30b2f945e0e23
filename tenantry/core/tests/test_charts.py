"""Charts: each builder's spec holds the data given, its SVG draws it, its table lists it."""

import json
import re
import xml.etree.ElementTree as ET

import altair as alt
import pytest
from django.template.loader import render_to_string

from tenantry.core import charts
from tenantry.core.charts import (
    BLACK,
    GREY,
    TEAL,
    bar_chart,
    format_value,
    grouped_bar_chart,
    position_chart,
    stacked_bar_chart,
    trend_chart,
)

SVG = "{http://www.w3.org/2000/svg}"
PHONE_CONTAINER = 343  # a 375px phone less GOV.UK's 16px margins either side
LEVELS = [
    "Very satisfied",
    "Fairly satisfied",
    "Neither",
    "Fairly dissatisfied",
    "Very dissatisfied",
]


def _repairs_by_organisation(**options):
    rows = [
        {"name": "Kingsmead TMO", "on_time": 92.4},
        {"name": "Elm Court RMC", "on_time": 81},
        {"name": "Oak Lane EMB", "on_time": None},
        {"name": "Ash Tree Co-op", "on_time": 67.25},
    ]
    return bar_chart(
        title="Repairs done on time",
        description="Kingsmead did 92.4% of repairs on time, the most of the three with a figure.",
        rows=rows,
        category="name",
        value="on_time",
        category_title="Organisation",
        value_title="Repairs on time",
        **options,
    )


def _satisfaction():
    return stacked_bar_chart(
        title="How satisfied residents are",
        description="Most residents are satisfied with the service overall.",
        rows=[
            {
                "question": "The service overall",
                **dict(zip(LEVELS, [40, 30, 10, 12, 8], strict=True)),
            },
            {"question": "Repairs", **dict(zip(LEVELS, [25, 35, 20, 15, 5], strict=True))},
        ],
        category="question",
        levels=LEVELS,
        category_title="Question",
    )


def _trend(**options):
    rows = [
        {"year": "2020/21", "value": 81, "target": 85, "low": 88, "high": 95},
        {"year": "2021/22", "value": 84, "target": 86, "low": 88, "high": 95},
        {"year": "2022/23", "value": None, "target": 88, "low": 89, "high": 96},
        {"year": "2023/24", "value": 89, "target": 90, "low": 89, "high": 96},
        {"year": "2024/25", "value": 92, "target": 90, "low": 90, "high": 97},
    ]
    return trend_chart(
        title="Repairs on time over five years",
        description="Repairs on time rose from 81% to 92% over five years, above the 90% target.",
        rows=rows,
        period="year",
        value="value",
        value_title="Kingsmead TMO",
        **options,
    )


def _position(**options):
    options = {"highlight_value": 92.4, **options}
    return position_chart(
        title="Repairs on time compared with other organisations",
        description="Kingsmead is in the top quarter of the ten organisations.",
        values=[70, 72, 75, 78, 80, 82, 85, 88, 90, 95],
        highlight_label="Kingsmead TMO",
        value_title="Repairs on time",
        **options,
    )


def _reach():
    return grouped_bar_chart(
        title="Who answered, against who lives here",
        description="Residents under 35 answered less than their share of the estate.",
        rows=[
            {"age": "16 to 34", "answered": 12, "living": 25},
            {"age": "35 to 64", "answered": 48, "living": 50},
            {"age": "65 and over", "answered": 40, "living": None},
        ],
        category="age",
        series=["answered", "living"],
        series_titles=["Answered the survey", "Live on the estate"],
        category_title="Age",
    )


ALL_KINDS = [_repairs_by_organisation, _satisfaction, _trend, _position, _reach]


def _svg(chart) -> ET.Element:
    return ET.fromstring(chart.svg)


def _texts(chart) -> list[str]:
    """Every piece of text the SVG draws, lines of a wrapped label joined by spaces."""
    texts = []
    for text in _svg(chart).iter(f"{SVG}text"):
        texts.append(" ".join(part.strip() for part in text.itertext() if part.strip()))
    return texts


def _fills(chart) -> list[str]:
    return [e.get("fill") for e in _svg(chart).iter() if e.get("fill")]


# Formatting


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (92.4, "%", "92.4%"),
        (92.0, "%", "92%"),
        (67.25, "%", "67.3%"),  # half rounds up, as by hand
        (100, "%", "100%"),
        (-0.01, "%", "0%"),
        (8.5, "days", "8.5 days"),
        (1234.5, "£", "£1,234.50"),
        (1234, "£", "£1,234"),
        (-3, "£", "-£3"),
        (12000, "", "12,000"),
        (None, "%", "–"),
    ],
)
def test_a_figure_is_formatted_as_people_write_it(value, unit, expected):
    assert format_value(value, unit) == expected


# Every kind of chart


@pytest.mark.parametrize("build", ALL_KINDS)
def test_the_spec_is_valid_vega_lite(build):
    alt.LayerChart.from_dict(build().spec, validate=True)  # raises if it is not


@pytest.mark.parametrize("build", ALL_KINDS)
def test_the_svg_scales_to_its_container_and_is_named_by_the_description(build):
    chart = build()
    svg = _svg(chart)
    assert svg.get("width") == "100%"
    assert svg.get("height") is None
    assert re.fullmatch(r"0 0 [\d.]+ [\d.]+", svg.get("viewBox"))
    assert svg.get("role") == "img"
    assert svg.get("aria-label") == chart.description


@pytest.mark.parametrize("build", ALL_KINDS)
def test_text_is_at_least_12px_on_a_phone_in_a_font_browsers_have(build):
    chart = build()
    svg = _svg(chart)
    width = float(svg.get("viewBox").split()[2])
    texts = list(svg.iter(f"{SVG}text"))
    assert texts
    for text in texts:
        assert text.get("font-family") == charts.FONT
        assert float(text.get("font-size").removesuffix("px")) * PHONE_CONTAINER / width >= 12


@pytest.mark.parametrize("build", ALL_KINDS)
def test_graphics_are_dark_enough_to_see_against_white(build):
    # WCAG 2.2 1.4.11: bars, lines and dots at 3:1 against the background. The pale colours
    # in the palette are only ever inside a bar outlined in white between darker neighbours
    # (stacked answers, whose figures are written on them), a bar outlined in dark grey (grouped
    # bars) or a shaded band behind the line.
    pale = {"#80cdc1", "#e0e0e0", "#dfc27d", "#dee0e2", charts.BAND_FILL, "white", "#ffffff"}
    for colour in set(_fills(build())) - pale - {"none"}:
        assert _contrast_with_white(colour) >= 3, colour


def _contrast_with_white(colour: str) -> float:
    if colour.startswith("#") and len(colour) == 7:
        channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    else:
        named = {"black": (0, 0, 0)}
        channels = named[colour]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    luminance = 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    return 1.05 / (luminance + 0.05)


@pytest.mark.parametrize("build", [_repairs_by_organisation, _satisfaction, _trend, _reach])
def test_vega_lite_places_everything_but_the_dot_plot(build):
    # Only the stacked dot plot, which Vega-Lite cannot lay out, places marks in pixels.
    chart = build(target="target") if build is _trend else build()
    assert '"scale": null' not in json.dumps(chart.spec)


def _translate_y(element) -> float:
    return float(re.search(r"translate\([-\d.]+,([-\d.]+)\)", element.get("transform"))[1])


def test_each_name_sits_just_above_its_own_bar_and_names_never_overlap():
    name = "Northbrook Council homes managed directly by the council's own housing department"
    chart = bar_chart(
        title="t", description="d", category="n", value="v", category_title="Organisation",
        value_title="Share",
        rows=[{"n": "Ash", "v": 20}, {"n": name, "v": 50}, {"n": "Oak", "v": 70}],
    )  # fmt: skip
    svg = _svg(chart)
    names = [
        t
        for t in svg.iter(f"{SVG}text")
        if "".join(t.itertext()).split()[0] in {"Ash", "Northbrook", "Oak"}
    ]
    bars = [p for p in svg.iter(f"{SVG}path") if p.get("fill") == TEAL]
    tops = [float(re.match(r"M[-\d.]+,([-\d.]+)", b.get("d"))[1]) for b in bars]
    assert len(names) == len(tops) == 3
    previous_bottom = -1e9
    for text, top in zip(names, tops, strict=True):
        lines = max(1, len(list(text.iter(f"{SVG}tspan"))))
        first_line = _translate_y(text)
        # the name's last line ends just above its bar, its first line below the bar before
        assert 0 < top - (first_line + (lines - 1) * charts.LINE_HEIGHT) <= charts.LINE_HEIGHT
        assert first_line - charts.FONT_SIZE >= previous_bottom
        previous_bottom = top + charts.BAR_HEIGHT


def test_a_trend_axis_is_vega_lites_nice_scale_covering_every_figure():
    chart = _trend(target="target", band_low="low", band_high="high")
    y = chart.spec["layer"][0]["encoding"]["y"]
    assert y["scale"]["nice"] is True and "values" not in y["axis"]
    low, high = y["scale"]["domain"]
    assert low <= 81 and high >= 97  # the lowest figure and the band's top
    assert high <= 100  # a share stays within 100%
    ticks = [
        t
        for t in _texts(chart)
        if re.fullmatch(r"\d+%", t) and t not in {"81%", "84%", "89%", "92%"}
    ]
    assert ticks and all(int(t[:-1]) % 5 == 0 for t in ticks)  # round numbers


# Bar charts


def test_bar_chart_spec_holds_the_rows_in_the_order_given():
    values = _repairs_by_organisation().spec["data"]["values"]
    assert [(v["category"], v["value"]) for v in values] == [
        ("Kingsmead TMO", 92.4),
        ("Elm Court RMC", 81.0),
        ("Oak Lane EMB", None),
        ("Ash Tree Co-op", 67.25),
    ]


def test_bar_chart_draws_each_label_and_figure():
    texts = _texts(_repairs_by_organisation())
    for expected in ("Kingsmead TMO", "92.4%", "Elm Court RMC", "81%", "67.3%"):
        assert expected in texts


def test_bar_chart_table_is_the_rows_formatted():
    chart = _repairs_by_organisation()
    assert chart.columns == ["Organisation", "Repairs on time"]
    assert chart.rows == [
        ["Kingsmead TMO", "92.4%"],
        ["Elm Court RMC", "81%"],
        ["Oak Lane EMB", "–"],
        ["Ash Tree Co-op", "67.3%"],
    ]


def test_a_bar_without_a_figure_says_so_and_is_not_drawn_as_zero():
    chart = _repairs_by_organisation()
    assert "No figure" in _texts(chart)
    bars = [e for e in _svg(chart).iter(f"{SVG}path") if e.get("fill") in {TEAL, GREY}]
    assert len(bars) == 3


def test_the_highlighted_bar_is_teal_and_named_in_bold_the_others_grey():
    chart = _repairs_by_organisation(highlight="Elm Court RMC")
    bars = [e.get("fill") for e in _svg(chart).iter(f"{SVG}path") if e.get("fill") in {TEAL, GREY}]
    assert bars == [GREY, TEAL, GREY]
    bold = [t for t in _svg(chart).iter(f"{SVG}text") if t.get("font-weight") == "bold"]
    assert {"".join(t.itertext()) for t in bold} == {"Elm Court RMC", "81%"}


def test_without_a_highlight_every_bar_is_teal():
    fills = _fills(_repairs_by_organisation())
    assert fills.count(TEAL) == 3
    assert GREY not in fills


def test_a_long_label_is_wrapped_onto_lines_not_cut_off():
    name = "Northbrook Council homes managed directly by the council's own housing department"
    chart = bar_chart(
        title="t", description="d", rows=[{"n": name, "v": 50}], category="n", value="v",
        category_title="Organisation", value_title="Share",
    )  # fmt: skip
    assert name in _texts(chart)
    wrapped = [t for t in _svg(chart).iter(f"{SVG}text") if len(list(t.iter(f"{SVG}tspan"))) > 1]
    assert len(wrapped) == 1


def test_vertical_bars_hold_the_same_data_and_table():
    chart = _repairs_by_organisation(horizontal=False)
    assert [v["value"] for v in chart.spec["data"]["values"]] == [92.4, 81.0, None, 67.25]
    assert chart.rows[0] == ["Kingsmead TMO", "92.4%"]
    assert "92.4%" in _texts(chart)


def test_bars_in_other_units_run_from_zero_to_the_largest():
    chart = bar_chart(
        title="Days to re-let", description="d", rows=[{"e": "A", "d": 20}, {"e": "B", "d": 40}],
        category="e", value="d", category_title="Estate", value_title="Days", unit="days",
    )  # fmt: skip
    assert chart.rows == [["A", "20 days"], ["B", "40 days"]]
    assert chart.spec["layer"][0]["encoding"]["x"]["scale"]["domain"] == [0, 40]
    assert "40 days" in _texts(chart)


def test_a_negative_figure_is_a_bar_left_of_a_zero_line():
    chart = bar_chart(
        title="Budget", description="d",
        rows=[{"b": "Repairs", "v": -1500}, {"b": "Cleaning", "v": 4000}], category="b",
        value="v", category_title="Budget", value_title="Left over", unit="£",
    )  # fmt: skip
    assert chart.rows == [["Repairs", "-£1,500"], ["Cleaning", "£4,000"]]
    assert chart.spec["layer"][0]["encoding"]["x"]["scale"]["domain"] == [-1500, 4000]
    assert float(_svg(chart).get("viewBox").split()[2]) <= charts.WIDTH + 2 * charts.PADDING
    assert "-£1,500" in _texts(chart)


# Stacked bars


def _segments(chart, colours) -> list[tuple[float, float]]:
    """(left, width) of each drawn share, in the order drawn."""
    found = []
    for path in _svg(chart).iter(f"{SVG}path"):
        if path.get("fill") in colours and path.get("stroke") == "white":
            left, width = re.match(r"M([-\d.]+),[-\d.]+h([-\d.]+)", path.get("d")).groups()
            found.append((float(left), float(width)))
    return found


def test_stacked_bar_spec_holds_each_share_in_scale_order():
    chart = _satisfaction()
    segments = chart.spec["data"]["values"]
    overall = [(s["level"], s["value"]) for s in segments if s["category"] == "The service overall"]
    assert overall == list(zip(LEVELS, [40, 30, 10, 12, 8], strict=True))
    # Vega-Lite stacks them: each share starts where the one before ended, in scale order.
    drawn = _segments(chart, set(charts.DIVERGING[5]))[:5]
    assert [round(width / drawn[0][1] * 40) for _, width in drawn] == [40, 30, 10, 12, 8]
    for (left, width), (next_left, _) in zip(drawn, drawn[1:], strict=False):
        assert next_left == pytest.approx(left + width)


def test_stacked_bar_table_has_a_column_per_answer():
    chart = _satisfaction()
    assert chart.columns == ["Question", *LEVELS]
    assert chart.rows == [
        ["The service overall", "40%", "30%", "10%", "12%", "8%"],
        ["Repairs", "25%", "35%", "20%", "15%", "5%"],
    ]


def _colour_scale(chart) -> dict:
    return next(
        layer["encoding"]["color"]
        for layer in chart.spec["layer"]
        if "legend" in layer["encoding"].get("color", {})
    )


def test_stacked_bar_key_is_vega_lites_legend_of_the_answers_in_scale_order():
    chart = _satisfaction()
    texts = _texts(chart)
    assert [t for t in texts if t in LEVELS] == LEVELS
    colour = _colour_scale(chart)
    assert colour["field"] == "level"
    assert colour["legend"]["symbolType"] == "square"
    assert colour["scale"]["domain"] == LEVELS
    colours = colour["scale"]["range"]
    assert len(set(colours)) == 5
    assert colours[0] == "#01665e"  # the positive end in teal, the negative in brown
    assert colours[-1] == "#8c510a"


def test_stacked_bar_writes_shares_that_fit_on_their_segment():
    texts = _texts(_satisfaction())
    for share in ("40%", "30%", "35%", "25%"):
        assert share in texts


def test_a_diverging_scale_has_two_to_seven_answers():
    with pytest.raises(ValueError, match="2 to 7"):
        stacked_bar_chart(
            title="t", description="d", rows=[], category="q", levels=list("abcdefgh"),
            category_title="Question",
        )  # fmt: skip


def test_a_question_nobody_answered_says_so():
    chart = stacked_bar_chart(
        title="t", description="d", rows=[{"q": "Lifts"}], category="q", levels=LEVELS,
        category_title="Question",
    )  # fmt: skip
    assert "No answers" in _texts(chart)
    assert chart.rows == [["Lifts", "–", "–", "–", "–", "–"]]


def test_a_sequential_scheme_runs_from_dark_to_pale_so_it_prints_in_order():
    chart = stacked_bar_chart(
        title="t", description="d",
        rows=[{"q": "Contact", "Often": 50, "Sometimes": 30, "Never": 20}], category="q",
        levels=["Often", "Sometimes", "Never"], category_title="Question",
        scheme="sequential",
    )  # fmt: skip
    assert _colour_scale(chart)["scale"]["range"] == ["#003c34", "#5fa79c", "#eef7f5"]
    drawn = _segments(chart, {"#003c34", "#5fa79c", "#eef7f5"})
    assert [round(width) for _, width in drawn] == [300, 180, 120]
    assert chart.rows == [["Contact", "50%", "30%", "20%"]]


# Grouped bars


def test_grouped_bars_hold_each_series_for_each_row():
    chart = _reach()
    bars = [(b["category"], b["series"], b["value"]) for b in chart.spec["data"]["values"]]
    assert bars == [
        ("16 to 34", "Answered the survey", 12),
        ("16 to 34", "Live on the estate", 25),
        ("35 to 64", "Answered the survey", 48),
        ("35 to 64", "Live on the estate", 50),
        ("65 and over", "Answered the survey", 40),
        ("65 and over", "Live on the estate", None),
    ]


def test_grouped_bars_table_and_key():
    chart = _reach()
    assert chart.columns == ["Age", "Answered the survey", "Live on the estate"]
    assert chart.rows == [
        ["16 to 34", "12%", "25%"],
        ["35 to 64", "48%", "50%"],
        ["65 and over", "40%", "–"],
    ]
    texts = _texts(chart)
    for expected in ("Answered the survey", "Live on the estate", "12%", "25%", "No figure"):
        assert expected in texts


# Trends


def test_trend_spec_holds_each_period_value_target_and_band():
    data = _trend(target="target", band_low="low", band_high="high").spec["data"]["values"]
    assert [(d["period"], d["value"], d["target"]) for d in data] == [
        ("2020/21", 81, 85),
        ("2021/22", 84, 86),
        ("2022/23", None, 88),
        ("2023/24", 89, 90),
        ("2024/25", 92, 90),
    ]
    assert [(d["low"], d["high"]) for d in data][-1] == (90, 97)


def test_a_missing_value_is_a_gap_in_the_line_not_a_zero():
    chart = _trend()
    line = next(
        p for p in _svg(chart).iter(f"{SVG}path")
        if p.get("stroke") == TEAL and p.get("stroke-width") == "4"
    )  # fmt: skip
    # Two pieces: 2020/21 to 2021/22, then 2023/24 to 2024/25.
    assert line.get("d").count("M") == 2
    assert "0%" not in _texts(chart)
    assert chart.rows[2] == ["2022/23", "–"]


def test_the_target_is_a_dashed_line_and_named_in_the_key():
    chart = _trend(target="target")
    dashed = [
        p for p in _svg(chart).iter(f"{SVG}path") if p.get("stroke-dasharray", "1,0") != "1,0"
    ]
    assert {p.get("stroke") for p in dashed} == {BLACK}
    assert any(p.get("d").count("L") == 4 for p in dashed)  # the line through five periods
    assert "Target" in _texts(chart)


def test_a_trend_alone_has_no_key_and_a_trend_with_a_target_has_vega_lites_own():
    assert "legend" not in json.dumps(_trend().spec["layer"])
    assert "Kingsmead TMO" not in _texts(_trend())
    chart = _trend(target="target", band_low="low", band_high="high")
    line = chart.spec["layer"][2]["encoding"]
    assert line["color"]["scale"]["domain"] == ["Kingsmead TMO", "Target", "Top quartile"]
    assert line["strokeDash"]["scale"]["range"][1] == [9, 5]
    texts = _texts(chart)
    assert {"Kingsmead TMO", "Target", "Top quartile"} <= set(texts)


def test_trend_table_lists_value_target_and_band():
    chart = _trend(target="target", band_low="low", band_high="high")
    assert chart.columns == ["Period", "Kingsmead TMO", "Target", "Top quartile"]
    assert chart.rows[0] == ["2020/21", "81%", "85%", "88% to 95%"]
    assert chart.rows[2] == ["2022/23", "–", "88%", "89% to 96%"]


def test_a_share_over_100_percent_stays_on_the_scale():
    chart = trend_chart(
        title="Rent collected", description="d", period="q", value="v", value_title="Us",
        rows=[{"q": "Q1", "v": 98.6}, {"q": "Q2", "v": 99.8}, {"q": "Q3", "v": 100.1}],
    )  # fmt: skip
    low, high = chart.spec["layer"][0]["encoding"]["y"]["scale"]["domain"]
    assert low <= 98.6 and high >= 100.1


def test_trend_labels_every_point_when_there_are_few():
    texts = _texts(_trend())
    for figure in ("81%", "84%", "89%", "92%"):
        assert figure in texts


def test_a_point_carries_its_number_alone_when_the_axis_writes_the_unit_in_words():
    chart = trend_chart(
        title="Stage 1 complaints per 1,000 homes", description="d", period="y", value="v",
        value_title="Us", unit="per 1,000",
        rows=[{"y": "2024/25", "v": 42.9}, {"y": "2025/26", "v": 42.5},
              {"y": "2026/27", "v": 29.2}],
    )  # fmt: skip
    texts = _texts(chart)
    assert {"42.9", "42.5", "29.2"} <= set(texts)
    assert "42.9 per 1,000" not in texts and "29.2 per 1,000" not in texts
    assert any(re.fullmatch(r"\d+ per 1,000", t) for t in texts)  # the axis keeps the unit
    assert chart.rows[0] == ["2024/25", "42.9 per 1,000"]  # and so does the table
    assert "92%" in _texts(_trend())  # a unit beside the number stays on the point


def test_with_many_periods_only_the_latest_figure_is_written():
    rows = [{"q": f"2024/25 Q{n}", "v": 80 + n} for n in range(1, 5)]
    rows += [{"q": f"2025/26 Q{n}", "v": 85 + n} for n in range(1, 4)] + [
        {"q": "2025/26 Q4", "v": None}
    ]
    chart = trend_chart(
        title="t", description="d", rows=rows, period="q", value="v", value_title="Us"
    )
    figures = [t for t in _texts(chart) if t.endswith("%") and t not in {"80%", "85%", "90%"}]
    assert "88%" in figures  # 2025/26 Q3, the latest with a figure
    assert "81%" not in figures


# Position among peers


def test_position_spec_holds_every_peer():
    chart = _position()
    dots = chart.spec["data"]["values"]
    assert sorted(d["value"] for d in dots) == [70, 72, 75, 78, 80, 82, 85, 88, 90, 95]


def test_position_names_the_organisation_and_the_quartiles():
    texts = _texts(_position(quartiles=(76.5, 81, 89.5)))
    for expected in (
        "Kingsmead TMO: 92.4%",
        "Lower quartile: 76.5%",
        "Median: 81%",
        "Upper quartile: 89.5%",
    ):
        assert expected in texts


def test_position_quartiles_are_worked_out_from_the_values_when_not_given():
    chart = position_chart(
        title="t", description="d", values=[10, 20, 30, 40, 50], highlight_value=35,
        highlight_label="Us", value_title="Share",
    )  # fmt: skip
    # Quartiles of 10..50 in steps of 10, counting the ends in: 20, 30 and 40.
    assert chart.rows == [
        ["Us", "35%"],
        ["Lower quartile", "20%"],
        ["Median", "30%"],
        ["Upper quartile", "40%"],
        ["Lowest", "10%"],
        ["Highest", "50%"],
        ["Organisations compared", "5"],
    ]


def test_position_without_a_figure_for_the_organisation_still_shows_the_peers():
    chart = _position(highlight_value=None)
    assert chart.rows[0][0] == "Lower quartile"
    assert len(chart.spec["data"]["values"]) == 10


# The template include


def _page(chart) -> str:
    return render_to_string("includes/chart.html", {"chart": chart})


def test_the_include_shows_the_figure_its_caption_the_svg_and_the_table():
    chart = _repairs_by_organisation()
    html = _page(chart)
    assert '<figure class="tenantry-chart' in html
    assert "<figcaption" in html and "Repairs done on time</figcaption>" in html
    assert chart.svg in html
    assert "Show the figures as a table" in html
    assert '<th scope="row" class="govuk-table__header">Oak Lane EMB</th>' in html
    assert '<td class="govuk-table__cell govuk-table__cell--numeric">92.4%</td>' in html


def test_the_include_carries_the_spec_as_json():
    chart = _trend(target="target")
    html = _page(chart)
    found = re.search(r'<script type="application/json">(.*?)</script>', html, re.S)
    assert json.loads(found[1]) == chart.spec


def test_a_label_with_a_closing_script_tag_cannot_break_out_of_the_page():
    evil = '</script><script>alert("x")</script><b onclick="x">'
    chart = bar_chart(
        title=f"Title {evil}", description=f"Says {evil}", rows=[{"n": evil, "v": 50}],
        category="n", value="v", category_title="Organisation", value_title="Share",
    )  # fmt: skip
    html = _page(chart)
    assert "<script>alert" not in html
    assert "<b onclick" not in html
    assert html.count("</script>") == 1  # only the end of the spec's own script element
    found = re.search(r'<script type="application/json">(.*?)</script>', html, re.S)
    assert json.loads(found[1])["data"]["values"][0]["category"] == evil
    ET.fromstring(chart.svg)  # still well-formed, the label escaped inside it
    assert evil in _texts(chart)


# Drawing once


def test_a_chart_is_drawn_once_and_a_changed_figure_draws_it_again(monkeypatch):
    from django.core.cache import cache

    from tenantry.core.charts import base

    cache.clear()
    drawn = []
    draw = base.vl_convert.vegalite_to_svg
    monkeypatch.setattr(
        base.vl_convert, "vegalite_to_svg", lambda spec: drawn.append(spec) or draw(spec)
    )
    first, again = _reach(), _reach()
    assert len(drawn) == 1 and again.svg == first.svg

    changed = grouped_bar_chart(
        title="Who answered, against who lives here",
        description="Residents under 35 answered less than their share of the estate.",
        rows=[{"age": "16 to 34", "answered": 13, "living": 25}],
        category="age",
        series=["answered", "living"],
        series_titles=["Answered the survey", "Live on the estate"],
        category_title="Age",
    )
    assert len(drawn) == 2 and ">13<" not in first.svg and changed.svg != first.svg

"""Reading a page's query string: nonsense gives the page its own default."""

from datetime import date

from django.http import QueryDict

from tenantry.core import query

TODAY = date(2026, 12, 5)


def test_text_is_the_last_value_given_without_nul_characters_and_cut_short():
    assert query.text(QueryDict("q=one&q=two"), "q") == "two"
    assert query.text(QueryDict("q=Mill%00Road"), "q") == "MillRoad"
    assert query.text(QueryDict("q=" + "x" * 10_000), "q") == "x" * query.LONGEST
    assert query.text(QueryDict(""), "q", "all") == "all"


def test_a_parameter_that_cannot_be_read_gives_the_default():
    assert query.read(QueryDict("section=12"), "section", int, None) == 12
    assert query.read(QueryDict("section=0001/02"), "section", int, None) is None
    assert query.read(QueryDict("section="), "section", int, None) is None


def test_a_period_or_year_that_makes_no_sense_is_none_for_the_page_to_choose():
    assert query.period(QueryDict("period=2025/26+Q1"), today=TODAY).label == "2025/26 Q1"
    assert query.period(QueryDict("period=Q1+2025/26"), today=TODAY).label == "2025/26 Q1"
    assert query.period(QueryDict(""), today=TODAY) is None
    assert query.year(QueryDict("year=2024/25"), today=TODAY).label == "2024/25"
    for nonsense in ("0001/02", "9999/99", "-1", "0", "%00", "' OR 1=1 --", "2025/27"):
        params = QueryDict(mutable=True)
        params["period"] = params["year"] = nonsense
        assert query.period(params, today=TODAY) is None, nonsense
        assert query.year(params, today=TODAY) is None, nonsense

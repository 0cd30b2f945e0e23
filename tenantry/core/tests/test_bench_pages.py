"""The page benchmark (bench/pages.py) asks every page: each GET route of the site is filled
by it, or skipped with a reason, so a new page is not left out of the figures."""

import pytest
from django.urls import URLPattern, URLResolver, get_resolver


def _routes(resolver=None, namespace="", converters=None) -> dict[str, set[str]]:
    """Every named route of the site with its arguments, found independently of the bench."""
    routes = {}
    for pattern in (resolver or get_resolver()).url_patterns:
        found = (converters or set()) | set(getattr(pattern.pattern, "converters", {}))
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            routes |= _routes(pattern, inner, found)
        elif isinstance(pattern, URLPattern) and pattern.name:
            routes[f"{namespace}{pattern.name}"] = found
    return routes


def _ours(bench) -> dict[str, set[str]]:
    return {
        name: arguments
        for name, arguments in _routes().items()
        if not name.startswith(bench.THIRD_PARTY_PREFIXES)
    }


def test_every_route_is_filled_or_skipped_with_a_reason(bench):
    routes = _ours(bench)
    missing = sorted(set(routes) - set(bench.FILL) - set(bench.SKIP))
    assert missing == [], "add these routes to FILL or SKIP in bench/pages.py"
    assert set(bench.FILL) & set(bench.SKIP) == set()
    assert all(reason.strip() for reason in bench.SKIP.values())


def test_no_filler_or_skip_names_a_route_that_is_gone(bench):
    routes = _ours(bench)
    assert sorted((set(bench.FILL) | set(bench.SKIP)) - set(routes)) == []


def test_each_route_s_arguments_are_all_filled(bench):
    """Every argument but the organisation's slug (the walk fills it) has a filler, and no
    filler names an argument the route does not take."""
    for name, arguments in _ours(bench).items():
        if name not in bench.FILL:
            continue
        spec = bench.FILL[name]
        filled = {"kind", "pk"} if spec == bench._RECORDS else set(spec)
        assert filled == arguments - {"slug"}, name


def test_the_bench_walks_the_same_routes_as_the_site(bench):
    assert {name for name, _arguments in bench.url_patterns()} == set(_ours(bench))


@pytest.mark.django_db
def test_healthz_answers_ok_without_the_database(client, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = client.get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok"
    assert "no-cache" in response["Cache-Control"]

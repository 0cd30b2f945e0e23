"""The Content-Security-Policy of a page with a chart.

Vega compiles a chart's expressions into functions at run time (`new Function`), which a policy
without 'unsafe-eval' forbids. Only pages with a chart (a `data-tenantry-chart` figure, see
core/charts) get it; every other page keeps SECURE_CSP as it is. If the browser refused anyway,
the chart would stay the static SVG drawn on the server.
"""

from django.conf import settings
from django.utils.csp import CSP

CHART_MARKER = b"data-tenantry-chart"


def chart_csp() -> dict:
    policy = {name: list(values) for name, values in settings.SECURE_CSP.items()}
    policy["script-src"] = [*policy.get("script-src", [CSP.SELF]), CSP.UNSAFE_EVAL]
    return policy


def chart_policy(get_response):
    def middleware(request):
        response = get_response(request)
        if (
            settings.SECURE_CSP
            and not response.streaming
            and response.get("Content-Type", "").startswith("text/html")
            and CHART_MARKER in response.content
        ):
            response._csp_config = chart_csp()
        return response

    return middleware

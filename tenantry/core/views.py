"""Error pages in Tenantry's own design (none of them ever shows a stack trace), and the health
check."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.template import loader
from django.views.decorators.cache import never_cache


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception) -> HttpResponse:
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # No request context: whatever failed may be what the context processors need.
    return HttpResponse(loader.get_template("500.html").render({"request": None}), status=500)


@never_cache
def healthz(request: HttpRequest) -> HttpResponse:
    """ "ok" while the process answers: for a load balancer's health check, and the baseline the
    page benchmark (bench/pages.py) compares every page's throughput with. It reads nothing,
    not even the database, so it costs only Django's own request handling."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")

"""The API keeps to its own OpenAPI description: schemathesis loads the live description from
the site (its WSGI application) and sends generated requests to every operation, as an
anonymous visitor and with a site administrator's token; no answer may be a server error, and
every answer must have a status, content type and body the description declares.

Generated organisation slugs, years, codes and run numbers are mostly nonsense (404s and 422s);
half the examples swap in the test world's real ones, so the 200 answers are checked too.
Kept quick for CI: a few examples an operation, no deadline.
"""

import hashlib

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from .helpers import bearer
from .world import build

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
]


def _uncompressed(application):
    """Schemathesis asks for gzip over WSGI and does not unpack the answer. What is checked
    here is the content; compression is core/tests/test_compression.py's."""

    def asked_plainly(environ, start_response):
        environ.pop("HTTP_ACCEPT_ENCODING", None)
        return application(environ, start_response)

    return asked_plainly


# The description as the site serves it (reading it asks nothing of the database).
schema = schemathesis.openapi.from_wsgi(
    "/api/v1/openapi.json", _uncompressed(get_wsgi_application())
)


@pytest.fixture
def connection_kept_open():
    """The site's WSGI application closes the database connection as each request ends, as a
    server should; inside a test's transaction that would close the test's own connection on
    PostgreSQL. Django's test client stops it the same way."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@pytest.fixture
def world(cast, settings, connection_kept_open):
    settings.API_REQUESTS_PER_MINUTE_PER_ADDRESS = 0
    settings.API_REQUESTS_PER_MINUTE_PER_TOKEN = 0
    return build(cast)


def _real(case, world) -> None:
    """Swap in the world's real arguments for half the examples, chosen by the example."""
    parameters = case.path_parameters or {}
    if not parameters:
        return
    digest = hashlib.sha256(repr(sorted(parameters.items())).encode()).digest()
    if digest[0] % 2:
        return
    if "slug" in parameters:
        panel = "recommendations" in case.path
        parameters["slug"] = world.cast.panel.slug if panel else world.cast.tmo.slug
    if "year" in parameters:
        parameters["year"] = "2025-26"
    if "code" in parameters:
        parameters["code"] = "RP02-2"
    if "run_id" in parameters:
        parameters["run_id"] = world.run.pk


@pytest.mark.django_db
@schema.parametrize()
@hypothesis_settings(
    max_examples=20, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True
)
def test_the_api_keeps_to_its_description(case, world, django_capture_on_commit_callbacks):
    _real(case, world)
    # A third of the operations are asked anonymously (401 for those needing a token).
    anonymous = hashlib.sha256(case.path.encode()).digest()[0] % 3 == 0
    headers = {} if anonymous else bearer(world.secrets["site_admin"])
    with django_capture_on_commit_callbacks(execute=True):
        case.call_and_validate(headers=headers, checks=CHECKS)

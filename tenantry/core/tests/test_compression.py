"""Pages go compressed to browsers that ask; files compressed already go as they are; each
compressed body is padded by a random length, Django's defence against BREACH."""

import gzip
import json

import pytest
from django.http import HttpResponse, StreamingHttpResponse
from django.test import RequestFactory
from django.urls import reverse

from tenantry.core.middleware import CompressTextMiddleware

pytestmark = pytest.mark.django_db

ROWS = [f"R{n:05d},Repair to the kitchen tap,Completed\n" for n in range(2_000)]


def _through_middleware(response, accept="gzip, deflate, br"):
    request = RequestFactory().get("/", HTTP_ACCEPT_ENCODING=accept)
    return CompressTextMiddleware(lambda _request: response)(request)


def test_a_page_is_sent_compressed_to_a_browser_that_asks(client):
    plain = client.get(reverse("account_login"))
    packed = client.get(reverse("account_login"), headers={"accept-encoding": "gzip, br"})

    assert "Content-Encoding" not in plain.headers
    assert packed.headers["Content-Encoding"] == "gzip"
    # Either way a cache keeps the two apart.
    assert "Accept-Encoding" in packed.headers["Vary"]
    assert "Accept-Encoding" in plain.headers["Vary"]
    page = gzip.decompress(packed.content).decode()
    assert "<html" in page and "csrfmiddlewaretoken" in page
    assert len(packed.content) < len(plain.content) / 2


def test_a_streamed_download_is_compressed_as_it_streams_and_loses_no_row():
    response = _through_middleware(StreamingHttpResponse(iter(ROWS), content_type="text/csv"))

    assert response.headers["Content-Encoding"] == "gzip"
    body = b"".join(response.streaming_content)
    assert gzip.decompress(body).decode() == "".join(ROWS)
    # Compressed in pieces, not flushed row by row: about as small as the rows compressed whole.
    assert len(body) < 1.5 * len(gzip.compress("".join(ROWS).encode()))


@pytest.mark.parametrize(
    "content_type",
    [
        "application/pdf",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "image/png",
    ],
)
def test_a_file_compressed_already_is_sent_as_it_is(content_type):
    content = "".join(ROWS).encode()  # compressible, so only the type can keep it plain
    response = _through_middleware(HttpResponse(content, content_type=content_type))

    assert "Content-Encoding" not in response.headers
    assert response.content == content


def test_nothing_is_compressed_for_a_client_that_does_not_ask():
    response = _through_middleware(HttpResponse("".join(ROWS)), accept="identity")

    assert "Content-Encoding" not in response.headers
    assert response.content.decode() == "".join(ROWS)


def test_the_same_page_compresses_to_different_lengths():
    """Heal the Breach: without the random padding every copy would be the same length."""
    lengths = {
        len(_through_middleware(HttpResponse("".join(ROWS), content_type="text/html")).content)
        for _ in range(20)
    }

    assert len(lengths) > 1


def test_the_apis_json_comes_compressed_and_whole(client):
    plain = client.get("/api/v1/openapi.json")
    packed = client.get("/api/v1/openapi.json", headers={"accept-encoding": "gzip"})

    assert packed.headers["Content-Encoding"] == "gzip"
    assert json.loads(gzip.decompress(packed.content)) == plain.json()

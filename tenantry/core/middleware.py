"""Pages sent compressed to browsers that ask, so an old phone on a slow connection fetches a
long list or a council's form in a tenth of the bytes."""

from collections.abc import Iterable, Iterator

from django.middleware.gzip import GZipMiddleware

# Files that are compressed already (PDF streams, XLSX and DOCX are zip files, images): gzip
# would spend time on each for next to nothing.
_TEXT_TYPES = ("text/", "application/json", "application/javascript", "image/svg+xml")
# Django's gzip flushes after every piece of a streamed response; a CSV streamed a row at a
# time would be flushed a row at a time, slower and larger than compressing it in pieces.
STREAMED_PIECE = 16 * 1024


def _in_pieces(parts: Iterable[bytes], size: int = STREAMED_PIECE) -> Iterator[bytes]:
    held, length = [], 0
    for part in parts:
        held.append(part)
        length += len(part)
        if length >= size:
            yield b"".join(held)
            held, length = [], 0
    if held:
        yield b"".join(held)


class CompressTextMiddleware(GZipMiddleware):
    """Django's gzip for text (pages, CSV, JSON), with its defence against BREACH: Django masks
    the CSRF token afresh in every response and pads each compressed body by a random length
    ("Heal the Breach"), so a page's compressed size does not give away a secret in it.
    See docs/security.md."""

    def process_response(self, request, response):
        content_type = response.get("Content-Type", "")
        if not content_type.startswith(_TEXT_TYPES):
            return response
        if response.streaming and not response.is_async:
            response.streaming_content = _in_pieces(response.streaming_content)
        return super().process_response(request, response)

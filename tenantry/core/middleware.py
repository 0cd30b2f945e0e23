"""Pages sent compressed to browsers that ask, so an old phone on a slow connection fetches a
long list or a council's form in a tenth of the bytes."""

from django.middleware.gzip import GZipMiddleware

from .exports import in_pieces

# Files that are compressed already (PDF streams, XLSX and DOCX are zip files, images): gzip
# would spend time on each for next to nothing.
_TEXT_TYPES = ("text/", "application/json", "application/javascript", "image/svg+xml")


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
            # Django's gzip flushes after every piece of a streamed response: a stream written
            # a row at a time would be flushed a row at a time, slower and larger.
            response.streaming_content = in_pieces(response.streaming_content, b"")
        return super().process_response(request, response)

"""PDFs laid out by WeasyPrint from HTML: the one place Tenantry makes them.

Laying out a page takes WeasyPrint a few hundred milliseconds. A document that many people ask
for as it is (a survey's questionnaire, a ballot's results certificate) is kept under the
SHA-256 of its HTML, so it is laid out once and never stale: a change to what it says is a
change to its HTML and so to its key. Documents for one person (letters with their code,
ballot papers) are never kept: `kept=False`."""

import hashlib

from django.core.cache import cache
from weasyprint import HTML

KEPT_FOR = 24 * 60 * 60  # seconds


def pdf_of(html: str, *, kept: bool = False) -> bytes:
    """The PDF of `html`; from the cache when `kept` and the same HTML was laid out before."""
    if not kept:
        return HTML(string=html).write_pdf()
    key = f"pdf:{hashlib.sha256(html.encode()).hexdigest()}"
    content = cache.get(key)
    if content is None:
        content = HTML(string=html).write_pdf()
        cache.set(key, content, KEPT_FOR)
    return content

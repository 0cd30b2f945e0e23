"""A PDF many people ask for as it is is laid out once; one for a single person never kept."""

import io

import pytest
from django.core.cache import cache
from pypdf import PdfReader

from tenantry.core import pdf


@pytest.fixture
def layouts(monkeypatch):
    """How many times WeasyPrint lays out a document."""
    made = []
    real = pdf.HTML

    def counted(*args, **kwargs):
        made.append(kwargs.get("string"))
        return real(*args, **kwargs)

    monkeypatch.setattr(pdf, "HTML", counted)
    cache.clear()
    return made


def _text(content: bytes) -> str:
    return PdfReader(io.BytesIO(content)).pages[0].extract_text()


def test_a_kept_document_is_laid_out_once_for_the_same_html(layouts):
    first = pdf.pdf_of("<p>Results of the ballot</p>", kept=True)
    again = pdf.pdf_of("<p>Results of the ballot</p>", kept=True)

    assert first == again and "Results of the ballot" in _text(first)
    assert len(layouts) == 1


def test_changed_html_is_a_new_document_never_the_kept_one(layouts):
    pdf.pdf_of("<p>For 10, against 4</p>", kept=True)
    changed = pdf.pdf_of("<p>For 11, against 4</p>", kept=True)

    assert "For 11" in _text(changed) and len(layouts) == 2


def test_a_document_for_one_person_is_never_kept(layouts):
    pdf.pdf_of("<p>Your code KXPT-M4RW-9QZD</p>")
    pdf.pdf_of("<p>Your code KXPT-M4RW-9QZD</p>")
    pdf.pdf_of("<p>Your code KXPT-M4RW-9QZD</p>", kept=True)  # nothing kept to find

    assert len(layouts) == 3

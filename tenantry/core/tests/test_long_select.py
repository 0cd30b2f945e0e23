"""A select of thousands of options is written in one pass, with the same markup as Django's."""

from django import forms
from django.test.html import parse_html

from tenantry.core.forms import Checkboxes, LongCheckboxes, LongSelect

CHOICES = [
    ("", "None"),
    ("Kingsmead", [("1", "Block A & B"), ("2", 'The "Tower"')]),
    ("Riverside", [("3", "<Riverside Court>")]),
    ("4", "Stand-alone"),
]


def test_a_long_select_writes_the_same_markup_as_djangos_own():
    for value in ("2", "", "4", None):
        attrs = {"class": "govuk-select", "id": "id_block", "aria-describedby": "block-hint"}
        ours = LongSelect(attrs=attrs, choices=CHOICES).render("block", value)
        djangos = forms.Select(attrs=attrs, choices=CHOICES).render("block", value)
        assert parse_html(ours) == parse_html(djangos), value
    assert "&lt;Riverside Court&gt;" in ours and "<Riverside" not in ours


def test_long_checkboxes_write_the_same_markup_as_the_checkboxes_they_stand_for():
    choices = [("1", "Ash & Birch"), ("2", "<Cedar>"), ("3", 'The "Tower"')]
    for value in (["2"], ["1", "3"], [], None):
        attrs = {"id": "id_estates", "aria-describedby": "estates-hint"}
        ours = LongCheckboxes(attrs=attrs, choices=choices).render("estates", value)
        theirs = Checkboxes(attrs=attrs, choices=choices).render("estates", value)
        assert parse_html(ours) == parse_html(theirs), value
    assert "&lt;Cedar&gt;" in ours and "<Cedar>" not in ours

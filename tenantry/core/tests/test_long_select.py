"""A select of thousands of options is written in one pass, with the same markup as Django's."""

import pytest
from django import forms
from django.db import connection
from django.test.html import parse_html
from django.test.utils import CaptureQueriesContext

from tenantry.core.forms import Checkboxes, GovukForm, LongCheckboxes, LongSelect
from tenantry.core.models import User
from tenantry.core.tests.factories import UserFactory

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


class _Chosen(GovukForm, forms.Form):
    block = forms.ChoiceField(label="Block", choices=CHOICES)
    owner = forms.ModelChoiceField(label="Owner", queryset=User.objects.order_by("pk"))


def test_every_plain_select_of_a_form_is_written_in_one_pass_with_the_same_markup():
    ours = _Chosen({"block": "2"})["block"]
    assert isinstance(ours.field.widget, LongSelect)

    class Plain(forms.Form):
        block = forms.ChoiceField(label="Block", choices=CHOICES)

    djangos = Plain({"block": "2"})["block"]
    attrs = {"class": ours.field.widget.attrs["class"]}  # the GOV.UK class only ours has
    assert parse_html(str(ours)) == parse_html(djangos.as_widget(attrs=attrs))


@pytest.mark.django_db
def test_a_model_choice_reads_its_options_in_one_query_without_a_server_side_cursor():
    first, second = UserFactory(name="Ann"), UserFactory(name="Bo")
    form = _Chosen(initial={"owner": second.pk})  # unbound: nothing to check, options only
    with CaptureQueriesContext(connection) as queries:
        html = str(form["owner"])
    assert len(queries) == 1
    assert "DECLARE" not in queries[0]["sql"]  # PostgreSQL's cursor for `iterator()`
    assert f'<option value="{first.pk}">' in html
    assert f'<option value="{second.pk}" selected>' in html

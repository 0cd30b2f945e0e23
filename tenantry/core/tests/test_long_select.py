"""A select of thousands of options is written in one pass, with the same markup as Django's."""

import pytest
from django import forms
from django.db import connection
from django.test.html import parse_html
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from tenantry.core.forms import Checkboxes, GovukForm, LongSelect, Radios
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


def test_keys_and_values_to_escape_are_written_and_chosen_as_djangos_own_select_does():
    """Keys straight from the database are numbers; a value may hold what HTML must escape."""
    choices = [(None, "None"), (5, "Five & six"), (12, "Twelve"), ('a"<b>', "Odd value")]
    for value in (5, "5", 12, 'a"<b>', None):
        ours = LongSelect(choices=choices).render("block", value)
        djangos = forms.Select(choices=choices).render("block", value)
        assert parse_html(ours) == parse_html(djangos), value
    chosen = LongSelect(choices=choices).render("block", 'a"<b>')
    assert '<option value="a&quot;&lt;b&gt;" selected>Odd value</option>' in chosen
    assert '<option value="5">Five &amp; six</option>' in chosen


class _CheckboxesByTemplate(Checkboxes):
    render = forms.Widget.render  # drawn by checkboxes.html and choice_option.html


class _RadiosByTemplate(Radios):
    render = forms.Widget.render


def test_checkboxes_and_radios_write_the_same_markup_as_their_templates():
    choices = [("1", "Ash & Birch"), ("2", "<Cedar>"), ("3", 'The "Tower"'), ("", "None")]
    attrs = {"id": "id_estates", "aria-describedby": "estates-hint", "data-x": True}
    for value in (["2"], ["1", "3"], [], None, [""]):
        ours = Checkboxes(attrs=attrs, choices=choices).render("estates", value)
        theirs = _CheckboxesByTemplate(attrs=attrs, choices=choices).render("estates", value)
        assert parse_html(ours) == parse_html(theirs), value
    for value in ("2", "", None, "9"):
        ours = Radios(attrs=attrs, choices=choices).render("estate", value)
        theirs = _RadiosByTemplate(attrs=attrs, choices=choices).render("estate", value)
        assert parse_html(ours) == parse_html(theirs), value
    assert "&lt;Cedar&gt;" in ours and "<Cedar>" not in ours
    assert "checked" in Radios(choices=choices).render("estate", "2")
    # Without an id no option has one, and no label points at one.
    assert parse_html(Radios(choices=choices).render("estate", "2")) == parse_html(
        _RadiosByTemplate(choices=choices).render("estate", "2")
    )


def test_radios_with_templates_of_their_own_are_drawn_by_them():
    from tenantry.records.resident_forms import BigRadios

    drawn = BigRadios(choices=[("a", "A")], hints={"a": "Hint for A"}).render("x", "a")
    assert "Hint for A" in drawn and "govuk-radios__hint" in drawn


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


def _options(count: int) -> list[tuple[str, str]]:
    return [("", "None"), *((str(n), f"Block {n}") for n in range(1, count + 1))]


def test_a_select_of_fifty_choices_can_be_searched_and_one_shorter_cannot():
    # The empty choice is not one to find: 49 blocks and "None" stay a plain select.
    plain = LongSelect(choices=_options(49)).render("block", "")
    searchable = LongSelect(choices=_options(50)).render("block", "7")

    assert "data-tenantry-searchable" not in plain
    assert 'data-tenantry-searchable=""' in searchable
    assert 'data-no-results="Nothing matches what you typed"' in searchable
    assert 'data-highlighted="{option}, {position} of {count}, is highlighted"' in searchable
    assert '<option value="7" selected>Block 7</option>' in searchable


def test_the_search_speaks_welsh_on_a_welsh_page():
    with translation.override("cy"):
        searchable = LongSelect(choices=_options(50)).render("block", "")

    assert 'data-no-results="Does dim yn cyfateb i&#x27;r hyn a deipiwyd gennych"' in searchable
    assert 'data-results="Canlyniadau: {count}"' in searchable


def test_choices_in_groups_stay_a_list_to_look_through():
    periods = [("Years", _options(30)[1:]), ("Months", _options(60)[1:])]

    assert "data-tenantry-searchable" not in LongSelect(choices=periods).render("period", "")

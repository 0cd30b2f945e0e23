"""The error summary every form page shows: one template, one rule for where each error links."""

from pathlib import Path

from django import forms
from django.template.loader import render_to_string

TEMPLATES = Path(__file__).resolve().parents[2]


class EveryKindOfField(forms.Form):
    name = forms.CharField()
    agree = forms.BooleanField()
    colour = forms.ChoiceField(choices=[("r", "Red"), ("g", "Green")], widget=forms.RadioSelect)
    days = forms.MultipleChoiceField(
        choices=[("mon", "Monday"), ("tue", "Tuesday")], widget=forms.CheckboxSelectMultiple
    )


def test_each_error_links_to_the_element_that_takes_focus():
    form = EveryKindOfField(data={})

    page = render_to_string("core/forms/error_summary.html", {"form": form})

    assert 'href="#id_name"' in page
    assert 'href="#id_agree"' in page  # a single checkbox has no numbered options
    assert 'href="#id_colour_0"' in page
    assert 'href="#id_days_0"' in page
    for field, first in [("name", "id_name"), ("colour", "id_colour_0"), ("days", "id_days_0")]:
        assert f'id="{first}"' in str(form[field])


def test_a_valid_form_shows_no_summary():
    form = EveryKindOfField(data={"name": "A", "agree": "on", "colour": "r", "days": ["mon"]})

    assert form.is_valid()
    assert "govuk-error-summary" not in render_to_string(
        "core/forms/error_summary.html", {"form": form}
    )


def test_a_page_may_name_the_problem_and_its_heading_level():
    title = "There is a problem with the filter"
    page = render_to_string(
        "core/forms/error_summary.html",
        {"form": EveryKindOfField(data={}), "title": title, "level": 3},
    )

    assert '<h3 class="govuk-error-summary__title">There is a problem with the filter</h3>' in page


def test_no_form_template_writes_its_own_field_error_list():
    # A page with a form includes the one summary; a copy would drift from its link rule.
    copies = [
        path.relative_to(TEMPLATES)
        for path in TEMPLATES.rglob("*.html")
        if "{% for field in form %}{% for error in field.errors %}" in path.read_text()
        and path.name != "error_summary.html"
    ]

    assert copies == []

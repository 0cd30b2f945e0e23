"""The demo's surveys: an open TSM survey answered every way, made once."""

from datetime import date

import pytest

from tenantry.demo.generate import generate
from tenantry.demo.surveys import add_demo_surveys
from tenantry.organisations.models import PreparedFile
from tenantry.surveys.models import Draft, Response, Survey

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_survey_answered_every_way_and_one_still_being_written(
    django_capture_on_commit_callbacks,
):
    generate(homes=120, years=1, seed=3, as_of=date(2026, 1, 15))

    with django_capture_on_commit_callbacks(execute=True):
        made = add_demo_surveys(seed=1)

    tsm = Survey.objects.get(template="tsm")
    assert tsm.status == "open" and made == tsm.responses.count() > 10
    assert set(Response.objects.values_list("mode", flat=True)) >= {"web", "door", "paper"}
    assert Response.objects.filter(household__isnull=False).count() == 0  # it is anonymous
    assert Draft.objects.count() == 1  # someone stopped part-way
    assert Survey.objects.get(template="democratic_health").status == "draft"
    letters = PreparedFile.objects.get()  # letters printed by the staff member, ready
    assert (letters.status, letters.requested_by.email) == ("done", "staff@example.org")
    assert letters.done == letters.total > 0
    assert add_demo_surveys(seed=1) == 0  # once only

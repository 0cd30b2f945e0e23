"""Submissions: opened, checked, sent, accepted or queried, answered; every wrong step refused."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from tenantry.core.periods import financial_year, month, quarter
from tenantry.core.permissions import Role
from tenantry.indicators.models import MonitoringItem, Result, Submission, SubmissionEvent
from tenantry.indicators.schedule import Figure, submission_figures
from tenantry.indicators.services import submissions as services
from tenantry.organisations.tests.factories import AgreementFactory, RoleFactory

from .routes_monitoring import result, schedule, submission_for

pytestmark = pytest.mark.django_db

Q1 = quarter("2024/25", "Q1")
Status = Submission.Status


@pytest.fixture
def scheduled(cast):
    schedule(cast.agreement, "RP02-2", "quarterly")
    schedule(cast.agreement, "BV212", "quarterly")
    schedule(cast.agreement, "TP01", "yearly", form=MonitoringItem.Form.COMMENTARY)
    result(cast.tmo, "RP02-2", Q1, "92.5", numerator=37, denominator=40)
    result(cast.tmo, "BV212", Q1, "31.25")
    return cast


def _open(cast, period=Q1):
    return services.open_submission(agreement=cast.agreement, period=period, by=None)


def _in(cast, status, period=Q1):
    return submission_for(cast.agreement, period, status=status)


def test_opening_a_draft_is_idempotent(scheduled):
    first = _open(scheduled)
    assert (first.status, first.period_label, first.period_kind) == (
        Status.DRAFT,
        "2024/25 Q1",
        "quarter",
    )
    assert _open(scheduled) == first
    assert Submission.objects.count() == 1


def test_a_period_the_schedule_does_not_ask_for_cannot_be_opened(scheduled):
    with pytest.raises(ValidationError, match="does not ask for figures"):
        _open(scheduled, period=month(2024, 4))


def test_a_period_not_yet_over_cannot_be_opened(scheduled):
    future = quarter(date.today().year + 2, "Q1")
    with pytest.raises(ValidationError, match="once it has ended"):
        _open(scheduled, period=future)


def test_sending_snapshots_the_figures_and_records_the_step(scheduled):
    draft = _open(scheduled)
    staff = scheduled.people["staff"]

    sent = services.submit(
        submission=draft, commentary="  Two late jobs were gas leaks. ", by=staff
    )

    assert sent.status == Status.SUBMITTED
    assert sent.commentary == "Two late jobs were gas leaks."
    # A quarter carries the quarterly indicators, not the yearly perception measure.
    assert [f["code"] for f in sent.figures] == ["BV212", "RP02-2"]
    rp02 = next(f for f in sent.figures if f["code"] == "RP02-2")
    assert (rp02["value"], rp02["numerator"], rp02["denominator"]) == ("92.5000", "37.00", "40.00")
    (event,) = sent.events.all()
    assert (event.action, event.by, event.comment) == (
        "submitted",
        staff,
        "Two late jobs were gas leaks.",
    )


def test_what_was_sent_stays_as_sent_when_the_records_change(scheduled):
    sent = services.submit(submission=_open(scheduled), by=None)
    Result.objects.filter(indicator__code="RP02-2").update(value=Decimal(50))

    shown = {f.code: f for f in submission_figures(Submission.objects.get(pk=sent.pk))}
    assert shown["RP02-2"].value == Decimal("92.5")


def test_a_draft_shows_the_figures_held_now(scheduled):
    draft = _open(scheduled)
    Result.objects.filter(indicator__code="BV212").update(value=Decimal(22))
    shown = {f.code: f.value for f in submission_figures(draft)}
    assert shown["BV212"] == Decimal(22)


def test_the_years_return_needs_a_commentary_when_the_schedule_asks_for_one(scheduled):
    year = financial_year("2024/25")
    draft = _open(scheduled, period=year)
    with pytest.raises(ValidationError) as error:
        services.submit(submission=draft, commentary="   ", by=None)
    assert "commentary" in error.value.message_dict

    sent = services.submit(submission=draft, commentary="Survey done in March.", by=None)
    # The year's return carries every scheduled indicator.
    assert {f["code"] for f in sent.figures} == {"RP02-2", "BV212", "TP01"}


def test_the_landlord_accepts_with_an_optional_comment(scheduled):
    sent = services.submit(submission=_open(scheduled), by=None)
    officer = scheduled.people["landlord_officer"]

    accepted = services.accept(submission=sent, by=officer)

    assert accepted.status == Status.ACCEPTED
    assert accepted.events.last().action == "accepted"
    assert accepted.events.last().by == officer


def test_a_query_needs_a_comment(scheduled):
    sent = services.submit(submission=_open(scheduled), by=None)
    with pytest.raises(ValidationError) as error:
        services.query(submission=sent, comment=" ", by=None)
    assert "comment" in error.value.message_dict
    assert Submission.objects.get(pk=sent.pk).status == Status.SUBMITTED


def test_queried_figures_are_answered_and_sent_again(scheduled):
    officer, committee = scheduled.people["landlord_officer"], scheduled.people["committee"]
    sent = services.submit(submission=_open(scheduled), by=committee)
    services.query(submission=sent, comment="Why did re-let times rise?", by=officer)
    services.comment(submission=sent, comment="Two homes needed new kitchens.", by=committee)

    again = services.submit(submission=sent, commentary="See our comment.", by=committee)
    services.accept(submission=again, comment="Thank you.", by=officer)

    steps = [(e.action, e.by, e.comment) for e in SubmissionEvent.objects.order_by("at", "pk")]
    assert steps == [
        ("submitted", committee, ""),
        ("queried", officer, "Why did re-let times rise?"),
        ("commented", committee, "Two homes needed new kitchens."),
        ("submitted", committee, "See our comment."),
        ("accepted", officer, "Thank you."),
    ]


def test_an_empty_comment_is_refused(scheduled):
    with pytest.raises(ValidationError):
        services.comment(submission=_open(scheduled), comment="", by=None)


@pytest.mark.parametrize("status", [Status.SUBMITTED, Status.ACCEPTED])
def test_figures_already_sent_or_accepted_cannot_be_sent(cast, status):
    with pytest.raises(ValidationError, match="cannot be sent again"):
        services.submit(submission=_in(cast, status), by=None)


@pytest.mark.parametrize("status", [Status.DRAFT, Status.QUERIED, Status.ACCEPTED])
def test_only_figures_sent_can_be_accepted(cast, status):
    with pytest.raises(ValidationError, match="cannot be accepted"):
        services.accept(submission=_in(cast, status), by=None)


@pytest.mark.parametrize("status", [Status.DRAFT, Status.QUERIED, Status.ACCEPTED])
def test_only_figures_sent_can_be_queried(cast, status):
    with pytest.raises(ValidationError, match="cannot be queried"):
        services.query(submission=_in(cast, status), comment="Why?", by=None)


def test_sending_twice_from_two_stale_copies_sends_once(scheduled):
    # Two people opened the same draft; the second press finds it already sent.
    first_copy = _open(scheduled)
    second_copy = Submission.objects.get(pk=first_copy.pk)
    services.submit(submission=first_copy, by=None)
    with pytest.raises(ValidationError):
        services.submit(submission=second_copy, by=None)
    assert SubmissionEvent.objects.filter(action="submitted").count() == 1


def test_a_figure_round_trips_through_its_snapshot():
    figure = Figure("BV212", "Average re-let time", "days", 1, False, Decimal("31.25"), None, None)
    again = Figure.from_json(figure.as_json())
    assert again == figure
    assert again.shown == "31.3 days"  # rounded half up, as people round by hand


# --- pages ------------------------------------------------------------------------------------


def _url(cast, name, *args, slug=None):
    return reverse(f"indicators:{name}", args=[slug or cast.tmo.slug, cast.agreement.pk, *args])


def test_staff_open_check_and_send_the_figures(scheduled, client_as):
    client = client_as(scheduled.people["staff"])

    response = client.post(_url(scheduled, "open-submission"), {"period": "2024/25 Q1"})
    draft = Submission.objects.get()
    assert response.status_code == 302
    assert response.url == _url(scheduled, "submission", draft.pk)

    page = client.get(response.url).content.decode()
    assert "Figures to check" in page and "92.5%" in page and "37 of 40" in page

    response = client.post(_url(scheduled, "send-submission", draft.pk), {"commentary": "All fine"})
    assert response.status_code == 302
    assert Submission.objects.get().status == Status.SUBMITTED


def test_the_landlord_queries_from_the_page_and_a_query_without_words_keeps_the_form(
    scheduled, client_as
):
    sent = services.submit(submission=_open(scheduled), by=None)
    client = client_as(scheduled.people["landlord_officer"])

    response = client.post(_url(scheduled, "query-submission", sent.pk), {"decide-comment": ""})
    assert response.status_code == 400
    assert "Say what you are asking about the figures." in response.content.decode()

    response = client.post(
        _url(scheduled, "query-submission", sent.pk), {"decide-comment": "Why 31 days?"}
    )
    assert response.status_code == 302
    assert Submission.objects.get().status == Status.QUERIED
    page = client.get(_url(scheduled, "submission", sent.pk)).content.decode()
    assert "Why 31 days?" in page and "Queried by the landlord" in page


def test_the_landlord_accepts_from_the_page(scheduled, client_as):
    sent = services.submit(submission=_open(scheduled), by=None)
    response = client_as(scheduled.people["landlord_officer"]).post(
        _url(scheduled, "accept-submission", sent.pk), {"decide-comment": ""}
    )
    assert response.status_code == 302
    assert Submission.objects.get().status == Status.ACCEPTED


def test_sending_without_a_required_commentary_keeps_the_form(scheduled, client_as):
    draft = _open(scheduled, period=financial_year("2024/25"))
    response = client_as(scheduled.people["committee"]).post(
        _url(scheduled, "send-submission", draft.pk), {"commentary": ""}
    )
    assert response.status_code == 400
    assert "asks for a commentary" in response.content.decode()
    assert Submission.objects.get().status == Status.DRAFT


def test_accepting_twice_is_refused_on_the_page(scheduled, client_as):
    sent = services.submit(submission=_open(scheduled), by=None)
    services.accept(submission=sent, by=None)
    response = client_as(scheduled.people["landlord_officer"]).post(
        _url(scheduled, "accept-submission", sent.pk), {}, follow=True
    )
    assert response.redirect_chain == [(_url(scheduled, "submission", sent.pk), 302)]
    assert "These figures are accepted, so they cannot be accepted." in response.content.decode()
    assert SubmissionEvent.objects.filter(action="accepted").count() == 1


def test_a_landlord_officer_cannot_send_figures_for_the_organisation(scheduled, client_as):
    draft = _open(scheduled)
    response = client_as(scheduled.people["landlord_officer"]).post(
        _url(scheduled, "send-submission", draft.pk), {"commentary": "x"}
    )
    assert response.status_code == 403


def test_landlord_staff_cannot_send_figures_from_the_landlords_address(scheduled, client_as):
    landlord_staff = RoleFactory(organisation=scheduled.landlord, role=Role.STAFF).user
    draft = _open(scheduled)
    response = client_as(landlord_staff).post(
        _url(scheduled, "send-submission", draft.pk, slug=scheduled.landlord.slug), {}
    )
    assert response.status_code == 403


def test_the_outsider_cannot_see_a_submission(scheduled, client_as):
    draft = _open(scheduled)
    response = client_as(scheduled.people["outsider"]).get(_url(scheduled, "submission", draft.pk))
    assert response.status_code == 404


def test_another_agreements_submission_is_a_404(scheduled, client_as):
    other = AgreementFactory(organisation__landlord=scheduled.landlord)
    theirs = submission_for(other)
    response = client_as(scheduled.people["committee"]).get(
        _url(scheduled, "submission", theirs.pk)
    )
    assert response.status_code == 404

"""Targets agreed with the landlord: one side proposes a change, the other agrees or declines,
and only an agreed change becomes the target in force."""

from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from tenantry.core.periods import financial_year
from tenantry.indicators.models import Target, TargetProposal
from tenantry.indicators.services.targets import (
    decide_target_proposal,
    propose_target,
    save_trajectory,
    set_target,
)
from tenantry.organisations.models import AuditEntry

from .routes_monitoring import indicator, schedule

pytestmark = pytest.mark.django_db

YEAR = financial_year("2024/25")


def _agreed_tp01(cast, value="75") -> Target:
    schedule(cast.agreement, "TP01", "yearly", targets_agreed=True)
    return set_target(
        agreement=cast.agreement,
        indicator=indicator("TP01"),
        year_start=YEAR.start,
        value=Decimal(value),
        by=None,  # loaded as agreed when the agreement was signed
    )


def _propose(cast, who="committee", value="72", note="Fewer residents answered in 2024.", **kw):
    return propose_target(
        agreement=cast.agreement,
        indicator=indicator("TP01"),
        year_start=YEAR.start,
        value=Decimal(value),
        note=note,
        by=cast.people[who],
        **kw,
    )


def _in_force(cast) -> Decimal:
    return Target.objects.get(agreement=cast.agreement, indicator__code="TP01").value


def _url(cast, name: str, *args, slug=None) -> str:
    return reverse(f"indicators:{name}", args=[slug or cast.tmo.slug, cast.agreement.pk, *args])


# --- the rule ---------------------------------------------------------------------------------


def test_a_committee_cannot_lower_an_agreed_target_alone(cast):
    _agreed_tp01(cast)
    with pytest.raises(ValidationError, match="agreed with the landlord"):
        set_target(
            agreement=cast.agreement,
            indicator=indicator("TP01"),
            year_start=YEAR.start,
            value=Decimal(72),
            by=cast.people["committee"],
        )
    assert _in_force(cast) == Decimal(75)


def test_a_proposal_keeps_the_old_value_and_changes_nothing_until_agreed(cast):
    _agreed_tp01(cast)
    proposal = _propose(cast)
    assert (proposal.old_value, proposal.value, proposal.side, proposal.status) == (
        Decimal(75), Decimal(72), "organisation", "pending",
    )  # fmt: skip
    assert proposal.proposed_by == cast.people["committee"]
    assert _in_force(cast) == Decimal(75)

    decide_target_proposal(proposal=proposal, agree=True, by=cast.people["landlord_officer"])

    proposal.refresh_from_db()
    assert (proposal.status, proposal.decided_by) == ("agreed", cast.people["landlord_officer"])
    assert _in_force(cast) == Decimal(72)
    target = Target.objects.get(agreement=cast.agreement, indicator__code="TP01")
    assert target.set_by == cast.people["committee"]
    assert target.history.first().history_user == cast.people["landlord_officer"]


def test_a_declined_change_leaves_the_target_and_needs_a_reason(cast):
    _agreed_tp01(cast)
    proposal = _propose(cast)
    with pytest.raises(ValidationError) as refused:
        decide_target_proposal(proposal=proposal, agree=False, by=cast.people["landlord_officer"])
    assert "comment" in refused.value.message_dict
    decide_target_proposal(
        proposal=proposal,
        agree=False,
        comment="The survey method changed, not the service.",
        by=cast.people["landlord_officer"],
    )
    proposal.refresh_from_db()
    assert proposal.status == "declined"
    assert _in_force(cast) == Decimal(75)


def test_every_step_is_in_the_organisations_history(cast):
    _agreed_tp01(cast)
    proposal = _propose(cast)
    decide_target_proposal(proposal=proposal, agree=True, by=cast.people["landlord_officer"])
    entries = list(AuditEntry.objects.filter(organisation=cast.tmo).order_by("pk"))
    assert [(e.by, e.action) for e in entries] == [
        (cast.people["committee"], "created"),
        (cast.people["landlord_officer"], "changed"),
    ]
    assert "TP01 2024/25: 75% to 72%" in entries[0].detail
    assert "Fewer residents answered" in entries[0].detail
    assert entries[1].detail.startswith("Agreed TP01 2024/25: 75% to 72%")


def test_the_landlord_may_propose_and_only_the_committee_agrees(cast):
    _agreed_tp01(cast)
    proposal = _propose(cast, who="landlord_officer", value="78", note="Peers reach 78%.")
    assert proposal.side == "landlord"
    with pytest.raises(PermissionDenied):
        decide_target_proposal(proposal=proposal, agree=True, by=cast.people["landlord_officer"])
    decide_target_proposal(proposal=proposal, agree=True, by=cast.people["committee"])
    assert _in_force(cast) == Decimal(78)


def test_the_committee_cannot_agree_its_own_proposal(cast):
    _agreed_tp01(cast)
    proposal = _propose(cast)
    with pytest.raises(PermissionDenied):
        decide_target_proposal(proposal=proposal, agree=True, by=cast.people["committee"])
    assert _in_force(cast) == Decimal(75)


@pytest.mark.parametrize("who", ["staff", "inspector", "resident", "other_landlord_officer"])
def test_no_one_else_proposes_or_decides(cast, who):
    _agreed_tp01(cast)
    with pytest.raises(PermissionDenied):
        _propose(cast, who=who)
    proposal = _propose(cast)
    with pytest.raises(PermissionDenied):
        decide_target_proposal(proposal=proposal, agree=True, by=cast.people[who])


def test_one_open_proposal_per_target(cast):
    _agreed_tp01(cast)
    _propose(cast)
    with pytest.raises(ValidationError, match="already waiting for agreement"):
        _propose(cast, who="landlord_officer", value="74")
    assert TargetProposal.objects.count() == 1


def test_the_database_refuses_a_second_open_proposal(cast):
    from django.db import IntegrityError, transaction

    first = _propose_row(cast)
    with pytest.raises(IntegrityError), transaction.atomic():
        _propose_row(cast)
    first.status = "agreed"
    first.decided_at = first.proposed_at
    first.save()
    _propose_row(cast)  # once decided, another may be proposed


def _propose_row(cast) -> TargetProposal:
    from django.utils import timezone

    return TargetProposal.objects.create(
        agreement=cast.agreement,
        indicator=indicator("TP01"),
        year_start=YEAR.start,
        value=Decimal(72),
        reason="Why",
        side="organisation",
        proposed_at=timezone.now(),
    )


def test_a_decided_proposal_cannot_be_decided_again(cast):
    _agreed_tp01(cast)
    proposal = _propose(cast)
    decide_target_proposal(proposal=proposal, agree=True, by=cast.people["landlord_officer"])
    with pytest.raises(ValidationError, match="already been decided"):
        decide_target_proposal(
            proposal=proposal, agree=False, comment="No", by=cast.people["landlord_officer"]
        )
    assert _in_force(cast) == Decimal(72)


def test_a_proposal_needs_a_reason_and_a_different_target(cast):
    _agreed_tp01(cast)
    with pytest.raises(ValidationError) as no_reason:
        _propose(cast, note=" ")
    assert "note" in no_reason.value.message_dict
    with pytest.raises(ValidationError) as same:
        _propose(cast, value="75")
    assert "value" in same.value.message_dict


def test_where_the_schedule_does_not_ask_for_agreement_the_target_changes_at_once(cast):
    schedule(cast.agreement, "TP01", "yearly")  # targets_agreed is False
    set_target(
        agreement=cast.agreement,
        indicator=indicator("TP01"),
        year_start=YEAR.start,
        value=Decimal(72),
        by=cast.people["committee"],
    )
    assert _in_force(cast) == Decimal(72)
    assert not TargetProposal.objects.exists()


def test_a_five_year_path_for_an_agreed_target_is_five_proposals(cast):
    _agreed_tp01(cast)
    changed = save_trajectory(
        agreement=cast.agreement,
        indicator=indicator("TP01"),
        first_year="2024/25",
        start=Decimal(70),
        goal=Decimal(80),
        by=cast.people["committee"],
    )
    assert {type(c) for c in changed} == {TargetProposal}
    assert TargetProposal.objects.filter(status="pending").count() == 5
    assert _in_force(cast) == Decimal(75)


# --- the pages --------------------------------------------------------------------------------


def test_the_committees_change_on_the_page_becomes_a_proposal(cast, client_as):
    _agreed_tp01(cast)
    client = client_as(cast.people["committee"])
    form = _url(cast, "set-target", "TP01") + "?year=2024/25"
    page = client.get(form).content.decode()
    assert "Propose the change" in page
    missing = client.post(form, {"value": "72", "tolerance": "0", "note": ""})
    assert missing.status_code == 400
    assert "Enter why the target should change" in missing.content.decode()
    response = client.post(form, {"value": "72", "tolerance": "0", "note": "Fewer answers."})
    assert response.status_code == 302
    assert _in_force(cast) == Decimal(75)
    assert TargetProposal.objects.get().value == Decimal(72)


def test_the_landlord_sees_the_change_waiting_and_agrees_it(cast, client_as):
    _agreed_tp01(cast)
    proposal = _propose(cast)
    officer = client_as(cast.people["landlord_officer"])
    home = officer.get(reverse("reports:organisation-home", args=[cast.landlord.slug]))
    page = home.content.decode()
    assert "Target changes waiting for you: 1" in page
    link = _url(cast, "target-change", proposal.pk, slug=cast.landlord.slug)
    assert link in page
    assert "TP01 target for 2024/25: 75% to 72%" in page

    targets = officer.get(_url(cast, "targets") + "?year=2024/25").content.decode()
    assert "Waiting for you" in targets

    unsure = officer.post(link, {"decision": "decline", "comment": ""})
    assert unsure.status_code == 400
    assert "Enter why you decline the change" in unsure.content.decode()
    agreed = officer.post(link, {"decision": "agree", "comment": ""})
    assert agreed.status_code == 302
    assert _in_force(cast) == Decimal(72)
    again = officer.get(reverse("reports:organisation-home", args=[cast.landlord.slug]))
    assert "Target changes waiting for you" not in again.content.decode()


def test_the_committee_cannot_agree_its_own_proposal_on_the_page(cast, client_as):
    _agreed_tp01(cast)
    proposal = _propose(cast)
    client = client_as(cast.people["committee"])
    url = _url(cast, "target-change", proposal.pk)
    page = client.get(url).content.decode()
    assert "Send your decision" not in page
    assert client.post(url, {"decision": "agree"}).status_code == 403
    assert _in_force(cast) == Decimal(75)


@pytest.mark.parametrize(
    ("who", "status"),
    [("other_landlord_officer", 404), ("outsider", 404), ("resident", 403)],
)
def test_who_cannot_see_a_proposal(cast, client_as, who, status):
    _agreed_tp01(cast)
    proposal = _propose(cast)
    client = client_as(cast.people[who])
    assert client.get(_url(cast, "target-change", proposal.pk)).status_code == status


def test_staff_see_a_proposal_but_cannot_decide_it(cast, client_as):
    _agreed_tp01(cast)
    proposal = _propose(cast)
    client = client_as(cast.people["staff"])
    url = _url(cast, "target-change", proposal.pk)
    page = client.get(url)
    assert page.status_code == 200
    assert "Send your decision" not in page.content.decode()
    assert client.post(url, {"decision": "agree"}).status_code == 403


def test_another_landlords_officer_is_not_told_of_it(cast, client_as):
    _agreed_tp01(cast)
    _propose(cast)
    other = cast.people["other_landlord_officer"]
    landlord = cast.other_tmo.landlord
    page = client_as(other).get(reverse("reports:organisation-home", args=[landlord.slug]))
    assert "Target changes waiting" not in page.content.decode()

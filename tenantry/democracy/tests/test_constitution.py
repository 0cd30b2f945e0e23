from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from tenantry.democracy import services
from tenantry.democracy.constitution import agm_due_by, defaults_for, legal_form_of, plain_rules
from tenantry.democracy.models import Constitution, LegalForm, QuorumRule, SeatKind
from tenantry.organisations.models import Organisation


def test_a_company_takes_the_companies_act_defaults():
    values, seats = defaults_for(LegalForm.COMPANY)
    assert values["notice_clear_days"] == 14  # s307, in clear days (s360)
    assert values["quorum_rule"] == QuorumRule.NUMBER and values["quorum_number"] == 2  # s318
    assert values["ordinary_resolution_percent"] == 50  # s282
    assert values["special_resolution_percent"] == 75  # s283
    assert values["proxies_allowed"] is True  # s324
    assert values["share_pence"] is None  # a company limited by guarantee has no shares
    assert seats == {"tenant": 8, "leaseholder": 2, "co_opted": 1, "landlord": 1}
    assert values["committee_size"] == 12


@pytest.mark.parametrize("form", LegalForm.values)
def test_every_legal_form_has_defaults_whose_seats_make_the_committee(form):
    values, seats = defaults_for(form)
    assert values["legal_form"] == form
    assert values["committee_size"] == sum(seats.values()) > 0
    Constitution(organisation=Organisation(), **values).clean_fields(exclude=["organisation"])


def test_a_cooperative_asks_a_pound_share_and_admits_its_tenants_only():
    values, seats = defaults_for(LegalForm.COOPERATIVE)
    assert values["share_pence"] == 100
    assert values["leaseholders_may_join"] is False
    assert SeatKind.LEASEHOLDER not in seats


def test_the_legal_form_first_given_follows_the_kind():
    assert legal_form_of(Organisation(kind=Organisation.Kind.TMO)) == LegalForm.COMPANY
    assert legal_form_of(Organisation(kind=Organisation.Kind.TMC)) == LegalForm.COOPERATIVE
    assert legal_form_of(Organisation(kind=Organisation.Kind.CLT)) == LegalForm.COMMUNITY_LAND_TRUST
    assert legal_form_of(Organisation(kind=Organisation.Kind.SCRUTINY_PANEL)) == LegalForm.COMPANY


@pytest.mark.parametrize(
    ("today", "due"),
    [
        (date(2026, 12, 5), date(2027, 9, 30)),  # this year's AGM deadline has passed
        (date(2026, 9, 30), date(2026, 9, 30)),  # the last day itself
        (date(2026, 4, 1), date(2026, 9, 30)),  # just after the year end of 31 March
        (date(2026, 1, 15), date(2026, 9, 30)),  # before this year's end: its AGM comes next
    ],
)
def test_the_next_agm_is_due_six_months_after_the_year_end(today, due):
    assert agm_due_by(Constitution(year_end_month=3, agm_within_months=6), today) == due


def test_the_rules_read_in_plain_english():
    values, seats = defaults_for(LegalForm.COMMUNITY_BENEFIT_SOCIETY)
    rules = dict(plain_rules(Constitution(**values), seats))
    assert "Members must be 16 or older." in rules["Who may be a member"]
    assert "Each member buys one share of £1.00." in rules["Who may be a member"]
    assert (
        "Your constitution asks for 14 clear days' notice of a general meeting."
        in rules["General meetings"]
    )
    assert (
        "A general meeting needs 15 members or 10% of the members present, whichever is more, "
        "to make decisions." in rules["General meetings"]
    )
    assert "Tenant seats: 8" in rules["The committee"]


def test_an_organisation_is_given_its_default_constitution_once(cast):
    first = services.constitution_of(cast.tmo)
    assert services.constitution_of(cast.tmo).pk == first.pk
    assert first.legal_form == LegalForm.COMPANY
    assert services.seats_of(first) == {
        "tenant": 8, "leaseholder": 2, "co_opted": 1, "independent": 0, "landlord": 1,
    }  # fmt: skip


def test_the_committee_changes_the_constitution_and_the_page_shows_who(cast, client_as):
    services.change_constitution(
        organisation=cast.tmo,
        by=cast.people["committee"],
        values={"minimum_age": 18},
        seats={"tenant": 9},
    )
    constitution = Constitution.objects.get(organisation=cast.tmo)
    assert constitution.minimum_age == 18
    assert constitution.committee_size == 13  # 9 + 2 + 1 + 1

    page = client_as(cast.people["resident"]).get(
        reverse("democracy:constitution", args=[cast.tmo.slug])
    )
    text = page.content.decode()
    assert "Members must be 18 or older." in text
    assert "Changed by Committee on" in text
    assert "minimum age of a member from 16 to 18" in text

    assert "Tenant seats from 8 to 9" in text


@pytest.mark.parametrize("role", ["resident", "staff", "landlord_officer", "inspector"])
def test_only_the_committee_changes_the_constitution(cast, role):
    with pytest.raises(PermissionDenied):
        services.change_constitution(
            organisation=cast.tmo, by=cast.people[role], values={"minimum_age": 18}, seats={}
        )


def test_the_form_keeps_what_was_typed_and_names_the_field(cast, client_as):
    url = reverse("democracy:edit-constitution", args=[cast.tmo.slug])
    client = client_as(cast.people["committee"])
    form = client.get(url).context["form"]
    data = {k: v for k, v in form.initial.items() if v is not None}
    data.update(
        {
            "legal_form": "company", "minimum_age": "12", "notice_clear_days": "21",
            "quorum_rule": "number", "tie_break": "lot", "seats_tenant": "8",
            "tenants_may_join": "on",
        }
    )  # fmt: skip
    page = client.post(url, {k: v for k, v in data.items() if v is not False})
    assert page.status_code == 200
    text = page.content.decode()
    assert "Minimum age of a member must be 16 or more" in text
    assert 'value="21"' in text

"""An organisation's constitution: the defaults for its legal form, and its rules in plain words.

`defaults_for(legal_form)` is the one home of the defaults. Each value says where it comes from:
the Companies Act 2006 for a company limited by guarantee (most TMOs, EMBs and RMCs); the
Housing and Regeneration Act 2008 s79 for a community land trust; for a society (community
benefit society, co-operative, community gateway) the rules that registered societies commonly
adopt. Where the source is "typical rules" the value is the organisation's choice (marked ❓ in
`../shared/REFERENCE.md` and in docs/democracy.md), set on the constitution page.
"""

import calendar
from datetime import date
from decimal import Decimal

from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tenantry.core.figures import money_text
from tenantry.organisations.models import Organisation

from .models import Constitution, LegalForm, QuorumRule, SeatKind

Kind = Organisation.Kind

# The legal form an organisation of each kind usually takes, for the constitution it is given
# before its committee records its own: TMOs, EMBs and RMCs are most often companies limited by
# guarantee; tenant management co-operatives and housing co-operatives are co-operative
# societies; a community land trust is its own form. Any other kind starts as a company.
LEGAL_FORM_OF_KIND = {
    Kind.TMO: LegalForm.COMPANY,
    Kind.EMB: LegalForm.COMPANY,
    Kind.RMC: LegalForm.COMPANY,
    Kind.TMC: LegalForm.COOPERATIVE,
    Kind.COOP: LegalForm.COOPERATIVE,
    Kind.CLT: LegalForm.COMMUNITY_LAND_TRUST,
    Kind.HOUSING_ASSOCIATION: LegalForm.COMMUNITY_GATEWAY,
}

# What every legal form shares unless it says otherwise below (each an organisation's choice ❓
# unless a source is named).
_COMMON = {
    "tenants_may_join": True,
    "leaseholders_may_join": True,
    "minimum_age": 16,  # ❓ 16 or 18: the constitution decides (REFERENCE.md "Who may vote")
    "joint_tenants_each_a_member": True,  # ❓
    "share_pence": None,
    "term_years": 3,  # ❓ with a third retiring each year, a term is three years
    "retire_share_denominator": 3,  # a third retire at each AGM (Table A 1985 reg 73) ❓
    "notice_clear_days": 14,  # Companies Act 2006 s307(1), counted in clear days (s360)
    "committee_notice_clear_days": 7,  # ❓
    "quorum_rule": QuorumRule.GREATER,  # ❓ societies: a number or a share, whichever greater
    "quorum_number": 15,
    "quorum_percent": Decimal("10"),
    # ❓ A society's committee: the greater of three and a third of those in office is common.
    "committee_quorum_rule": QuorumRule.GREATER,
    "committee_quorum_number": 3,
    "committee_quorum_percent": Decimal("33.33"),
    "ordinary_resolution_percent": Decimal("50"),  # a simple majority: CA 2006 s282
    "special_resolution_percent": Decimal("75"),  # not less than 75%: CA 2006 s283
    "abstentions_count_as_votes": False,  # s282/s283 count the votes cast for and against
    "proxies_allowed": True,  # CA 2006 s324: a member may appoint a proxy
    "proxy_deadline_hours": 48,  # CA 2006 s327: no earlier than 48 hours before may be asked
    "postal_votes_allowed": True,  # ❓
    "online_votes_allowed": True,  # ❓
    "year_end_month": 3,  # ❓ most end their year with the landlord's, on 31 March
    "agm_within_months": 6,  # ❓ society rules commonly: within 6 months of the year end
}

_FORMS: dict[str, tuple[dict, dict[str, int]]] = {
    # Companies Act 2006: 14 days' notice (s307) in clear days (s360); ordinary resolution by
    # simple majority (s282); special by 75% (s283); quorum two qualifying persons unless the
    # articles say otherwise (s318); proxies (s324). A company limited by guarantee has no
    # shares. Seats: a TMO's usual board of tenants and leaseholders, one co-opted place and one
    # council nominee.
    LegalForm.COMPANY: (
        # A committee (the board of directors): two, as the model articles for a private
        # company limited by guarantee say unless the articles fix another number (The
        # Companies (Model Articles) Regulations 2008, Schedule 2, art 11(2)).
        {
            "quorum_rule": QuorumRule.NUMBER,
            "quorum_number": 2,
            "committee_quorum_rule": QuorumRule.NUMBER,
            "committee_quorum_number": 2,
        },
        {
            SeatKind.TENANT: 8,
            SeatKind.LEASEHOLDER: 2,
            SeatKind.CO_OPTED: 1,
            SeatKind.LANDLORD_NOMINEE: 1,
        },
    ),  # fmt: skip
    # A community benefit society's typical rules: a £1 share, one member one vote, quorum the
    # greater of 15 members or 10%.
    LegalForm.COMMUNITY_BENEFIT_SOCIETY: (
        {"share_pence": 100},
        {SeatKind.TENANT: 8, SeatKind.LEASEHOLDER: 2, SeatKind.CO_OPTED: 2},
    ),
    # A co-operative's typical rules: a £1 share; the co-operative's own tenants are its members.
    LegalForm.COOPERATIVE: (
        {"share_pence": 100, "leaseholders_may_join": False},
        {SeatKind.TENANT: 10, SeatKind.CO_OPTED: 2},
    ),
    # Housing and Regeneration Act 2008 s79: local people who live in the area may become
    # members and control the trust; usually a society with a £1 share; a board of residents,
    # the wider community and stakeholders in thirds.
    LegalForm.COMMUNITY_LAND_TRUST: (
        {"share_pence": 100},
        {SeatKind.TENANT: 4, SeatKind.LEASEHOLDER: 4, SeatKind.INDEPENDENT: 4},
    ),
    # A community gateway association's typical rules: tenants join with a £1 share and hold
    # most seats, with independents and the council's nominees.
    LegalForm.COMMUNITY_GATEWAY: (
        {"share_pence": 100},
        {SeatKind.TENANT: 6, SeatKind.INDEPENDENT: 3, SeatKind.LANDLORD_NOMINEE: 3},
    ),
}


def defaults_for(legal_form: str) -> tuple[dict, dict[str, int]]:
    """The constitution's values and its committee seats by kind for a legal form."""
    values, seats = _FORMS[LegalForm(legal_form)]
    values = {**_COMMON, **values, "legal_form": legal_form}
    values["committee_size"] = sum(seats.values())
    return values, dict(seats)


def legal_form_of(organisation: Organisation) -> str:
    """The legal form an organisation is first given, from its kind."""
    return LEGAL_FORM_OF_KIND.get(organisation.kind, LegalForm.COMPANY)


def pounds(pence: int | None) -> str:
    """An amount held in pence, as a page writes it: "£1.00"; "" when there is none."""
    return "" if pence is None else "£" + money_text(Decimal(pence) / 100)


def _percent(value: Decimal) -> str:
    return f"{value.normalize():f}"


def quorum_sentence(constitution: Constitution) -> str:
    number, percent = constitution.quorum_number, _percent(constitution.quorum_percent)
    if constitution.quorum_rule == QuorumRule.NUMBER:
        return ngettext(
            "A general meeting needs %(n)s member present to make decisions.",
            "A general meeting needs %(n)s members present to make decisions.",
            number,
        ) % {"n": number}
    if constitution.quorum_rule == QuorumRule.SHARE:
        return _("A general meeting needs %(p)s%% of the members present to make decisions.") % {
            "p": percent
        }
    return _(
        "A general meeting needs %(n)s members or %(p)s%% of the members present, whichever is "
        "more, to make decisions."
    ) % {"n": number, "p": percent}


def committee_quorum_sentence(constitution: Constitution) -> str:
    c = constitution
    number, percent = c.committee_quorum_number, _percent(c.committee_quorum_percent)
    if c.committee_quorum_rule == QuorumRule.NUMBER:
        return ngettext(
            "A committee meeting needs %(n)s committee member present to make decisions.",
            "A committee meeting needs %(n)s committee members present to make decisions.",
            number,
        ) % {"n": number}
    if c.committee_quorum_rule == QuorumRule.SHARE:
        return _(
            "A committee meeting needs %(p)s%% of the committee members in office present to "
            "make decisions."
        ) % {"p": percent}
    return _(
        "A committee meeting needs %(n)s committee members or %(p)s%% of those in office present, "
        "whichever is more, to make decisions."
    ) % {"n": number, "p": percent}


def plain_rules(constitution: Constitution, seats: dict[str, int]) -> list[tuple[str, list[str]]]:
    """The constitution in plain words, grouped under headings, as its page shows it."""
    c = constitution
    who = []
    if c.tenants_may_join and c.leaseholders_may_join:
        who.append(_("Tenants and leaseholders of the homes we manage may be members."))
    elif c.tenants_may_join:
        who.append(_("Tenants of the homes we manage may be members. Leaseholders may not."))
    elif c.leaseholders_may_join:
        who.append(_("Leaseholders of the homes we manage may be members. Tenants may not."))
    else:
        who.append(_("Nobody may join at the moment: the constitution admits no tenure."))
    who.append(_("Members must be %(age)s or older.") % {"age": c.minimum_age})
    who.append(
        _("Joint tenants may each be a member.")
        if c.joint_tenants_each_a_member
        else _("A household is one member, whichever of its tenants joins.")
    )
    if c.share_pence:
        who.append(
            _("Each member buys one share of %(amount)s.") % {"amount": pounds(c.share_pence)}
        )
    else:
        who.append(_("Members do not buy a share."))
    if c.area:
        who.append(_("The area we serve: %(area)s") % {"area": c.area})

    committee = [
        ngettext(
            "The committee has %(n)s place.", "The committee has %(n)s places.", c.committee_size
        )
        % {"n": c.committee_size}
    ]
    committee += [
        _("%(kind)s seats: %(n)s") % {"kind": SeatKind(kind).label, "n": n}
        for kind, n in seats.items()
        if n
    ]
    committee.append(
        ngettext(
            "Committee members are elected for %(n)s year.",
            "Committee members are elected for %(n)s years.",
            c.term_years,
        )
        % {"n": c.term_years}
    )
    if c.retire_share_denominator == 1:
        committee.append(_("All the elected committee members retire at each AGM."))
    elif c.retire_share_denominator > 1:
        committee.append(
            _(
                "One in %(n)s of the elected committee members retire at each AGM, those longest "
                "in office first. They may stand again."
            )
            % {"n": c.retire_share_denominator}
        )

    meetings = [
        ngettext(
            "Your constitution asks for %(n)s clear day's notice of a general meeting.",
            "Your constitution asks for %(n)s clear days' notice of a general meeting.",
            c.notice_clear_days,
        )
        % {"n": c.notice_clear_days},
        ngettext(
            "Committee meetings need %(n)s clear day's notice.",
            "Committee meetings need %(n)s clear days' notice.",
            c.committee_notice_clear_days,
        )
        % {"n": c.committee_notice_clear_days},
        _("Clear days do not count the day the notice is given or the day of the meeting."),
        quorum_sentence(c),
        committee_quorum_sentence(c),
        ngettext(
            "The AGM is held within %(n)s month of the end of the financial year.",
            "The AGM is held within %(n)s months of the end of the financial year.",
            c.agm_within_months,
        )
        % {"n": c.agm_within_months},
    ]

    voting = [
        _("Each member has one vote."),
        _("An ordinary resolution passes with more than %(p)s%% of the votes cast.")
        % {"p": _percent(c.ordinary_resolution_percent)},
        _("A special resolution needs at least %(p)s%% of the votes cast.")
        % {"p": _percent(c.special_resolution_percent)},
        _("Abstentions count as votes cast.")
        if c.abstentions_count_as_votes
        else _("Abstentions are not counted as votes cast."),
    ]
    if c.proxies_allowed:
        voting.append(
            ngettext(
                "A member may send a proxy to vote for them, lodged at least %(n)s hour before "
                "the meeting.",
                "A member may send a proxy to vote for them, lodged at least %(n)s hours before "
                "the meeting.",
                c.proxy_deadline_hours,
            )
            % {"n": c.proxy_deadline_hours}
        )
    else:
        voting.append(_("Members may not vote by proxy."))
    voting.append(
        _("Postal votes are allowed.")
        if c.postal_votes_allowed
        else _("There are no postal votes.")
    )
    voting.append(
        _("Online votes are allowed.")
        if c.online_votes_allowed
        else _("There are no online votes.")
    )
    voting.append(
        _("A tie in an election is broken by: %(how)s.")
        % {"how": c.get_tie_break_display().lower()}
    )
    return [
        (_("Who may be a member"), who),
        (_("The committee"), committee),
        (_("General meetings"), meetings),
        (_("Voting"), voting),
    ]


def agm_due_by(constitution: Constitution, today: date) -> date:
    """The last day the next AGM may be held: `agm_within_months` after the end of a financial
    year (the last day of `year_end_month`), the first such day on or after `today`. Until the
    meetings record the AGM's own date, the committee page counts retirements to this day."""
    month, months = constitution.year_end_month, constitution.agm_within_months
    return min(
        due
        for year in range(today.year - 2, today.year + 2)
        if (due := _month_end(*_add_months(year, month, months))) >= today
    )


def _add_months(year: int, month: int, months: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + months
    return index // 12, index % 12 + 1


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])

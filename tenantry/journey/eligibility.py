"""The Right to Manage eligibility check: may a tenant group serve a proposal notice?

A pure function of the facts a group enters: `check(facts)` returns each test of the Housing
(Right to Manage) (England) Regulations 2012 (SI 2012/1821) as passed, failed or unknown, with
an explanation in words and the regulation it comes from. Nothing is stored. docs/journey.md
lists the rules, their sources and the readings taken where the text is open.

- reg. 4(1): the conditions a tenant management organisation's written constitution meets;
- reg. 9: what the proposal notice covers: at least 25 homes let on secure tenancies, all in
  the group's area, and no homes already under another management agreement unless the group
  is a party to it and takes in all its homes, or that agreement covers more than 2,500 homes;
- reg. 10: before serving it, best endeavours to deliver a copy to every home named, and a
  majority of the members in favour at a ballot of all members or at a meeting.

Where ../shared/REFERENCE.md marks a point ❓ (the membership-share test) it is a setting,
`JOURNEY_RTM_MEMBERSHIP_SHARE_PERCENT`; the members' majority is democracy's own rule
(`rtm_members_majority`, setting `RTM_MEMBERS_BALLOT_PERCENT`), the same one that counts an RTM
members' ballot run in Tenantry.
"""

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from tenantry.democracy.ballots.counting import rtm_members_majority

Outcome = Literal["passed", "failed", "unknown"]
VoteRoute = Literal["ballot", "meeting"]

# SI 2012/1821 reg. 9 (REFERENCE.md ✅): the notice covers at least 25 homes let on secure
# tenancies; homes already under another agreement only if that agreement covers more than
# 2,500 homes (or the group is a party to it and includes all its homes).
MIN_SECURE_TENANCIES = 25
LARGE_AGREEMENT_HOMES = 2500

REG = "SI 2012/1821"


@dataclass(frozen=True, slots=True)
class Facts:
    """What a group says about itself. None means "not known yet": that test is unknown."""

    # reg. 4(1): the constitution
    written_constitution: bool | None = None
    names_area: bool | None = None
    any_tenant_may_join: bool | None = None
    avoids_discrimination: bool | None = None
    run_by_meeting_or_elected_committee: bool | None = None
    # reg. 9: the homes in the notice
    secure_tenancies: int | None = None
    all_in_area: bool | None = None
    some_under_other_agreement: bool | None = None
    party_to_other_agreement: bool | None = None
    includes_all_of_other_agreement: bool | None = None
    other_agreement_homes: int | None = None
    # reg. 10: before serving
    copy_delivered_to_every_home: bool | None = None
    vote_route: VoteRoute | None = None
    members: int | None = None  # members of the group when it voted
    attending: int | None = None  # members at the meeting (the meeting route)
    in_favour: int | None = None
    # ❓ the membership-share test: tenants of the homes in the notice, and how many are members
    tenants: int | None = None
    tenant_members: int | None = None


@dataclass(frozen=True, slots=True)
class Test:
    """One test's result: `key` names it, `explanation` says why in plain words."""

    key: str
    title: str
    outcome: Outcome
    explanation: str
    source: str
    confirmed: bool = True  # False where REFERENCE.md marks the rule ❓


@dataclass(frozen=True, slots=True)
class Result:
    tests: list[Test]

    @property
    def outcome(self) -> Outcome:
        """Failed if any test failed; passed only if every test passed; otherwise unknown."""
        outcomes = {t.outcome for t in self.tests}
        if "failed" in outcomes:
            return "failed"
        return "unknown" if "unknown" in outcomes else "passed"

    def failed(self) -> list[Test]:
        return [t for t in self.tests if t.outcome == "failed"]

    def unknown(self) -> list[Test]:
        return [t for t in self.tests if t.outcome == "unknown"]

    def passed(self) -> list[Test]:
        return [t for t in self.tests if t.outcome == "passed"]


def check(facts: Facts) -> Result:
    """Every Right to Manage test of the facts, in the order a group meets them."""
    tests = [
        *_constitution(facts),
        _secure_tenancies(facts),
        _in_area(facts),
        _other_agreement(facts),
        _copies_delivered(facts),
        _members_vote(facts),
    ]
    share = _membership_share(facts)
    if share is not None:
        tests.append(share)
    return Result(tests)


# --- reg. 4(1): the written constitution --------------------------------------------------------


def _yes_no(
    key: str, title: str, answer: bool | None, source: str, *, yes: str, no: str, ask: str
) -> Test:
    """A test that is the group's yes or no: passed, failed, or unknown until it answers."""
    if answer is None:
        return Test(key, title, "unknown", ask, source)
    return Test(key, title, "passed" if answer else "failed", yes if answer else no, source)


def _constitution(f: Facts) -> list[Test]:
    if f.written_constitution is False:
        # reg. 4(1)(a): without a written constitution the other conditions cannot be met.
        return [
            Test(
                "written_constitution",
                _("A written constitution"),
                "failed",
                _(
                    "Your group needs a written constitution (its rules) before it can use the "
                    "Right to Manage. An adviser can give you a model to start from."
                ),
                f"{REG}, reg. 4(1)(a)",
            )
        ]
    return [
        _yes_no(
            "written_constitution",
            _("A written constitution"),
            f.written_constitution,
            f"{REG}, reg. 4(1)(a)",
            yes=_("Your group has a written constitution."),
            no="",
            ask=_("Tell us whether your group has a written constitution."),
        ),
        _yes_no(
            "names_area",
            _("The constitution names an area"),
            f.names_area,
            f"{REG}, reg. 4(1)(b)",
            yes=_("Your constitution names the area whose homes you want to manage."),
            no=_(
                "Your constitution must name the area whose homes you want to manage. Add it "
                "at a general meeting."
            ),
            ask=_("Tell us whether your constitution names an area."),
        ),
        _yes_no(
            "any_tenant_may_join",
            _("Any tenant in the area may join"),
            f.any_tenant_may_join,
            f"{REG}, reg. 4(1)(c)",
            yes=_("Any tenant of a home in your area may become a member."),
            no=_("Your constitution must let any tenant of a home in your area become a member."),
            ask=_("Tell us whether any tenant in your area may join."),
        ),
        _yes_no(
            "avoids_discrimination",
            _("No unlawful discrimination"),
            f.avoids_discrimination,
            f"{REG}, reg. 4(1)(d)",
            yes=_("Your constitution says the group must avoid unlawful discrimination."),
            no=_(
                "Your constitution must say that the group avoids unlawful discrimination in "
                "all it does."
            ),
            ask=_("Tell us whether your constitution rules out unlawful discrimination."),
        ),
        _yes_no(
            "run_by_members",
            _("Run by the members"),
            f.run_by_meeting_or_elected_committee,
            f"{REG}, reg. 4(1)(e)",
            yes=_(
                "Your group is run by its members at a general meeting, or by a committee or "
                "board they elect."
            ),
            no=_(
                "Your constitution must say the group is run by its members at a general "
                "meeting, or by a committee or board the members elect."
            ),
            ask=_("Tell us who runs your group under its constitution."),
        ),
    ]


# --- reg. 9: the homes in the notice ------------------------------------------------------------


def _secure_tenancies(f: Facts) -> Test:
    title = _("At least %(n)d homes let on secure tenancies") % {"n": MIN_SECURE_TENANCIES}
    source = f"{REG}, reg. 9"
    if f.secure_tenancies is None:
        return Test(
            "secure_tenancies",
            title,
            "unknown",
            _("Tell us how many homes in your notice are let on secure tenancies."),
            source,
        )
    n = f.secure_tenancies
    if n >= MIN_SECURE_TENANCIES:
        text = ngettext(
            "Your notice covers %(n)d home let on a secure tenancy: at least %(min)d are needed.",
            "Your notice covers %(n)d homes let on secure tenancies: at least %(min)d are needed.",
            n,
        )
        return Test(
            "secure_tenancies",
            title,
            "passed",
            text % {"n": n, "min": MIN_SECURE_TENANCIES},
            source,
        )
    short = MIN_SECURE_TENANCIES - n
    text = ngettext(
        "Your notice covers %(n)d homes let on secure tenancies. At least %(min)d are needed, so "
        "you need %(short)d more home. Could your area take in a nearby block or street?",
        "Your notice covers %(n)d homes let on secure tenancies. At least %(min)d are needed, so "
        "you need %(short)d more homes. Could your area take in a nearby block or street?",
        short,
    )
    return Test(
        "secure_tenancies",
        title,
        "failed",
        text % {"n": n, "min": MIN_SECURE_TENANCIES, "short": short},
        source,
    )


def _in_area(f: Facts) -> Test:
    return _yes_no(
        "all_in_area",
        _("Every home is in your area"),
        f.all_in_area,
        f"{REG}, reg. 9",
        yes=_("Every home in your notice is in the area your constitution names."),
        no=_(
            "Every home in your notice must be in the area your constitution names. Take out "
            "the homes outside it, or change the area at a general meeting."
        ),
        ask=_("Tell us whether every home in your notice is in your area."),
    )


def _other_agreement(f: Facts) -> Test:
    key, title, source = (
        "other_agreement",
        _("Homes not already under another agreement"),
        f"{REG}, reg. 9",
    )
    if f.some_under_other_agreement is None:
        return Test(
            key,
            title,
            "unknown",
            _("Tell us whether any home in your notice is already managed under an agreement."),
            source,
        )
    if not f.some_under_other_agreement:
        return Test(
            key,
            title,
            "passed",
            _("No home in your notice is already managed under another agreement."),
            source,
        )
    # Exception (b): the other agreement covers more than 2,500 homes.
    if f.other_agreement_homes is not None and f.other_agreement_homes > LARGE_AGREEMENT_HOMES:
        return Test(
            key,
            title,
            "passed",
            _(
                "Some homes are already under another agreement, but it covers more than "
                "%(large)s homes, so you may still include them."
            )
            % {"large": f"{LARGE_AGREEMENT_HOMES:,}"},
            source,
        )
    # Exception (a): the group is a party to that agreement and takes in all its homes.
    if f.party_to_other_agreement and f.includes_all_of_other_agreement:
        return Test(
            key,
            title,
            "passed",
            _(
                "Some homes are already under an agreement, but your group is a party to it "
                "and your notice takes in all its homes, so you may include them."
            ),
            source,
        )
    known_no_large = f.other_agreement_homes is not None  # then it is 2,500 or fewer
    known_not_ours = f.party_to_other_agreement is False or (
        f.includes_all_of_other_agreement is False
    )
    if known_no_large and known_not_ours:
        return Test(
            key,
            title,
            "failed",
            _(
                "Some homes in your notice are already under another agreement of %(large)s "
                "homes or fewer, and your group is not a party to it taking in all its homes. "
                "Take those homes out of your notice."
            )
            % {"large": f"{LARGE_AGREEMENT_HOMES:,}"},
            source,
        )
    if known_no_large:
        ask = _(
            "Some homes are already under another agreement. Tell us whether your group is a "
            "party to it and takes in all its homes."
        )
    elif known_not_ours:
        ask = _(
            "Some homes are already under another agreement. Tell us how many homes that "
            "agreement covers."
        )
    else:
        ask = _(
            "Some homes are already under another agreement. Tell us how many homes that "
            "agreement covers, and whether your group is a party to it and takes in all its "
            "homes."
        )
    return Test(key, title, "unknown", ask, source)


# --- reg. 10: before serving the notice ---------------------------------------------------------


def _copies_delivered(f: Facts) -> Test:
    return _yes_no(
        "copies_delivered",
        _("A copy to every home"),
        f.copy_delivered_to_every_home,
        f"{REG}, reg. 10",
        yes=_("You did your best to deliver a copy of the notice to every home it names."),
        no=_(
            "Before you serve the notice, do your best to deliver a copy of it to every home "
            "it names."
        ),
        ask=_("Tell us whether you delivered a copy of the notice to every home."),
    )


def _members_vote(f: Facts) -> Test:
    key, title, source = "members_vote", _("The members voted for it"), f"{REG}, reg. 10"
    if f.vote_route is None or f.in_favour is None:
        return Test(
            key,
            title,
            "unknown",
            _("Tell us how your members voted: at a ballot of all members, or at a meeting."),
            source,
        )
    if f.vote_route == "ballot":
        out_of, whom = f.members, _("all your members")
    else:
        out_of, whom = f.attending, _("the members at the meeting")
    if out_of is None:
        return Test(
            key,
            title,
            "unknown",
            _("Tell us how many members could vote.")
            if f.vote_route == "ballot"
            else _("Tell us how many members came to the meeting."),
            source,
        )
    figures = {"yes": f.in_favour, "of": out_of, "whom": whom}
    if rtm_members_majority(in_favour=f.in_favour, out_of=out_of):
        return Test(
            key,
            title,
            "passed",
            _("%(yes)d of %(of)d voted in favour: a majority of %(whom)s.") % figures,
            source,
        )
    return Test(
        key,
        title,
        "failed",
        _(
            "%(yes)d of %(of)d voted in favour. You need more than half of %(whom)s. Talk to "
            "your neighbours and hold the vote again."
        )
        % figures,
        source,
    )


def _membership_share(f: Facts) -> Test | None:
    """❓ REFERENCE.md: "membership-share test" is not confirmed. Applied only when the setting
    gives a share; None leaves it out."""
    percent = settings.JOURNEY_RTM_MEMBERSHIP_SHARE_PERCENT
    if percent is None:
        return None
    key, source = "membership_share", f"{REG} (not confirmed)"
    title = _("At least %(p)s%% of the tenants are members") % {"p": _percent(percent)}
    if f.tenants is None or f.tenant_members is None or f.tenants == 0:
        return Test(
            key,
            title,
            "unknown",
            _(
                "Tell us how many tenants live in the homes in your notice, and how many are "
                "members."
            ),
            source,
            confirmed=False,
        )
    # At least the share: integers, so no rounding at the edge (20% of 130 is 26 exactly).
    met = f.tenant_members * 100 >= f.tenants * Decimal(str(percent))
    figures = {"m": f.tenant_members, "t": f.tenants, "p": _percent(percent)}
    return Test(
        key,
        title,
        "passed" if met else "failed",
        (
            _("%(m)d of the %(t)d tenants are members: at least %(p)s%% are needed.")
            if met
            else _(
                "%(m)d of the %(t)d tenants are members, but at least %(p)s%% are needed. Ask "
                "more of your neighbours to join."
            )
        )
        % figures,
        source,
        confirmed=False,
    )


def _percent(value: float | Decimal) -> str:
    return f"{Decimal(str(value)).normalize():f}"

"""Staff search: one box for homes, repairs, complaints, anti-social behaviour cases and voids.

What a search matches (the one home of the rule; the search page, the "more" pages and the
benchmark all call `search` or `matches`):

- a home by its property reference, from the start ("P00012" finds P0001234), any case;
- a home by its postcode, with or without the space and in any case ("nb12ab", "NB1 2AB",
  or the start of one, "NB1 2");
- a home by its address: every word typed appears in it ("12 mill" finds 12 Mill Road);
- a home by the name of someone in the household living there now (every word typed in one
  name), only for those who may see households (`homes.permissions.can_view_households`);
- a service record by its own reference from the start, or by its home matching as above.

Homes are the organisation's own (`homes_of`: a landlord's stock, or the homes an agreement
has it manage today); records are the ones it is responsible for (`records_of`), so every
result opens on a page the person can already see.

The same queries run on SQLite and PostgreSQL. On PostgreSQL each condition is answered from
an index on the very expression it compares (migrations `homes.0002_search_indexes` and
`services.0007_search_indexes`): references and postcodes from their start by B-trees with
`text_pattern_ops`, address words and names anywhere by trigram (`pg_trgm`) GIN indexes.
SQLite reads the tables, which is quick at the size of one organisation's demo. Each condition
is its own subquery, joined by `UNION`, because PostgreSQL cannot use an index for an `OR`
across columns or tables. See docs/search.md.
"""

import re
from dataclasses import dataclass
from functools import reduce
from operator import and_

from django.db.models import Case, IntegerField, Q, QuerySet, Value, When
from django.db.models.functions import Replace, Upper
from django.utils.functional import Promise
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _

from tenantry.core.paging import Chain
from tenantry.core.permissions import Roles
from tenantry.homes.models import Home, Resident
from tenantry.homes.permissions import can_view_households
from tenantry.homes.selectors import homes_of
from tenantry.organisations.models import Organisation

from .kinds import KINDS, RecordKind
from .selectors.finding import records_of

MIN_LENGTH = 2  # fewer letters match nearly everything and no index helps
PER_GROUP = 5  # results of each kind on the first page, with a link to the rest
MAX_WORDS = 6  # a pasted paragraph is not a search: the first words are enough

# The groups of results, in the order they are shown: homes, then the records staff look up most.
RECORD_GROUPS = ("repairs", "complaints", "asb", "voids")
GROUPS = ("homes", *RECORD_GROUPS)

# A UK postcode is letters and digits, starting with a letter; typed with or without its space.
_POSTCODE_START = re.compile(r"^[A-Z][A-Z0-9]{1,6}$")


def postcode_key(field: str = "postcode") -> Replace:
    """A postcode as it is compared: upper case, without spaces ("nb1 2ab" -> "NB12AB")."""
    return Replace(Upper(field), Value(" "), Value(""))


@dataclass(frozen=True)
class Terms:
    """What was typed, read once: the text, its words and, if it could be one, a postcode."""

    text: str  # spaces tidied: "12 Mill Road"
    words: tuple[str, ...]  # letters and digits, upper case: ("12", "MILL", "ROAD")
    postcode: str  # upper case without spaces, or "" if it cannot start a postcode

    @classmethod
    def read(cls, query: str) -> "Terms | None":
        """The terms of a query, or None if it has too little to search for."""
        text = " ".join(query.split())
        words = tuple(re.findall(r"\w+", text.upper()))[:MAX_WORDS]
        if len("".join(words)) < MIN_LENGTH:
            return None
        joined = "".join(words)
        return cls(text, words, joined if _POSTCODE_START.match(joined) else "")


def _all_words_in(field: str, words: tuple[str, ...]) -> Q:
    return reduce(and_, (Q(**{f"{field}__icontains": word}) for word in words))


def _landlord_id(organisation: Organisation) -> int:
    return organisation.pk if organisation.is_landlord else organisation.landlord_id


def matching_home_ids(*, organisation: Organisation, terms: Terms, names: bool) -> QuerySet:
    """Ids of the landlord's homes that match, each condition an indexed subquery (UNION)."""
    homes = Home.objects.filter(landlord_id=_landlord_id(organisation)).order_by()
    found = [
        homes.filter(reference__istartswith=terms.text).values("pk"),
        homes.filter(_all_words_in("address", terms.words)).values("pk"),
    ]
    if terms.postcode:
        key = homes.alias(key=postcode_key()).filter(key__startswith=terms.postcode)
        found.append(key.values("pk"))
    if names:
        residents = Resident.objects.filter(
            _all_words_in("name", terms.words),
            household__ended_on__isnull=True,
            household__home__landlord_id=_landlord_id(organisation),
        ).order_by()
        found.append(residents.values("household__home_id"))
    return found[0].union(*found[1:])


def _home_rank(terms: Terms) -> Case:
    """Exact reference first, then by reference, by postcode, then the rest."""
    whens = [
        When(reference__iexact=terms.text, then=0),
        When(reference__istartswith=terms.text, then=1),
    ]
    if terms.postcode:
        whens.append(When(search_postcode__startswith=terms.postcode, then=2))
    return Case(*whens, default=3, output_field=IntegerField())


def matching_homes(*, organisation: Organisation, roles: Roles, terms: Terms) -> QuerySet[Home]:
    """The organisation's homes that match, best first."""
    ids = matching_home_ids(
        organisation=organisation, terms=terms, names=can_view_households(roles)
    )
    return (
        homes_of(organisation=organisation)
        .filter(pk__in=ids)
        .select_related("estate")
        .alias(search_postcode=postcode_key())
        .annotate(rank=_home_rank(terms))
        .order_by("rank", "reference", "pk")
    )


def _records_by_reference(organisation: Organisation, terms: Terms, kind: RecordKind) -> QuerySet:
    rank = Case(When(reference__iexact=terms.text, then=0), default=1, output_field=IntegerField())
    return (
        records_of(organisation=organisation, model=kind.model)
        .filter(reference__istartswith=terms.text)
        .alias(rank=rank)
        .order_by("rank", f"-{kind.date_field}", "-pk")
    )


def _records_at_homes(
    organisation: Organisation, roles: Roles, terms: Terms, kind: RecordKind
) -> QuerySet:
    homes = matching_home_ids(
        organisation=organisation, terms=terms, names=can_view_households(roles)
    )
    return (
        records_of(organisation=organisation, model=kind.model)
        .filter(home__in=homes)
        .order_by(f"-{kind.date_field}", "-pk")
    )


def first_records(
    *, organisation: Organisation, roles: Roles, terms: Terms, kind: RecordKind, limit: int
) -> tuple[list, bool]:
    """The first `limit` of a kind's matches (`matches`), and whether there are more, in two
    queries that stop early however many match: those by their own reference, then the latest
    at the homes that match (read latest first, so a street's thousands of repairs are not all
    sorted)."""
    by_reference = list(
        _records_by_reference(organisation, terms, kind).select_related(*kind.related)[: limit + 1]
    )
    at_homes = list(
        _records_at_homes(organisation, roles, terms, kind)
        .exclude(reference__istartswith=terms.text)
        .select_related(*kind.related)[: limit + 1]
    )
    found = by_reference + at_homes
    return found[:limit], len(found) > limit


@dataclass
class Group:
    """One kind of result: its first few (or one page of) matches, and whether there are more."""

    slug: str
    title: str | Promise
    found: list
    more: bool


def group_title(slug: str) -> str | Promise:
    return _("Homes") if slug == "homes" else capfirst(KINDS[slug].record_words)


def matches(
    *, organisation: Organisation, roles: Roles, terms: Terms, group: str
) -> QuerySet | Chain:
    """Everything of one group that matches, best first (for a group's own, paged, list): for
    records, those by their own reference (the exact one first, then latest first), then the
    rest at the homes that match, latest first, each read from its index (`paging.Chain`), so
    a street's tens of thousands of repairs are never all sorted."""
    if group == "homes":
        return matching_homes(organisation=organisation, roles=roles, terms=terms)
    kind = KINDS[group]
    return Chain(
        _records_by_reference(organisation, terms, kind).select_related(*kind.related),
        _records_at_homes(organisation, roles, terms, kind)
        .exclude(reference__istartswith=terms.text)
        .select_related(*kind.related),
    )


def search(
    *, organisation: Organisation, roles: Roles, terms: Terms, per_group: int = PER_GROUP
) -> list[Group]:
    """The first few matches of each group: a query for the homes and two for each kind of
    record, whatever the size."""
    homes = list(
        matching_homes(organisation=organisation, roles=roles, terms=terms)[: per_group + 1]
    )
    groups = [Group("homes", group_title("homes"), homes[:per_group], len(homes) > per_group)]
    for slug in RECORD_GROUPS:
        found, more = first_records(
            organisation=organisation, roles=roles, terms=terms, kind=KINDS[slug], limit=per_group
        )
        groups.append(Group(slug, group_title(slug), found, more))
    return groups

"""Paging a long list: numbered pages over at most the first 10,000 rows, counted no further.

A list of three years of a large landlord's repairs holds a million rows. Counting them all
on every request, and skipping hundreds of thousands of rows to reach a deep page, costs
seconds; nobody reads page 6,000 of anything. So a list counts its rows only up to `CAP` (one
more, to know whether there are more) and offers numbered pages over those: "More than 10,000
repairs", pages 1 to 200, each reachable in one click from the page numbers or by typing
`?page=`. Older rows are found by narrowing the list (a period, an estate, a status) or by
search, as the page under the last one says. Every list reads its rows in an order an index
gives (see each app's migrations), so the first page costs the same at 1,000 homes as at
125,000 and the 200th only a little more.

Past the first page, a page reads the keys of its rows and then those rows (`CappedPaginator.page`):
a page deep in the list skips keys from an index, not whole rows joined to their homes. A list
sorted by a field of another table (voters by their name) has no index to give its order, so
every row is sorted to find even the first page: such a list reads its keys first on every
page (`keys_first`), and the joins for what the page shows are made for its rows only.

Pages are asked for with `?page=` through `core.query`: a page that makes no sense gives the
first, one past the end gives the last (Django's `Paginator.get_page`).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property

from django.core.paginator import Page, Paginator
from django.db.models import QuerySet
from django.http import QueryDict

from . import query

CAP = 10_000  # rows counted and paged through; narrow the list for more


class CappedPaginator(Paginator):
    """A paginator whose count stops at `cap`: `more` says whether rows lie beyond it."""

    def __init__(
        self,
        object_list: QuerySet | Chain | Sequence,
        per_page: int,
        *,
        cap: int | None = None,
        keys_first: bool = False,
    ):
        super().__init__(object_list, per_page)
        self.cap = CAP if cap is None else cap
        self.keys_first = keys_first

    @cached_property
    def _counted(self) -> int:
        """Rows up to one past the cap, in one query that stops reading there."""
        rows = self.object_list
        if isinstance(rows, Chain):
            return rows.count_to(self.cap + 1)
        if isinstance(rows, QuerySet):
            # Only the keys and no order: the database counts from an index where it can.
            return rows.order_by().values("pk")[: self.cap + 1].count()
        return min(len(rows), self.cap + 1)

    @cached_property
    def count(self) -> int:
        return min(self._counted, self.cap)

    @property
    def more(self) -> bool:
        """Whether rows lie past the last page offered."""
        return self._counted > self.cap

    def page(self, number) -> Page:
        """The page's rows. Past the first page, the keys of the page are read first and then
        only those rows with what they show: skipping thousands of rows costs little when only
        their keys are read, and the joins are made for fifty rows, not ten thousand."""
        number = self.validate_number(number)
        rows = self.object_list
        if (number == 1 and not self.keys_first) or not isinstance(rows, QuerySet):
            return super().page(number)
        bottom = (number - 1) * self.per_page
        top = min(bottom + self.per_page, self.count)  # the last page stops at the cap
        keys = list(rows.values_list("pk", flat=True)[bottom:top])
        found = {row.pk: row for row in rows.order_by().filter(pk__in=keys)}
        return self._get_page([found[key] for key in keys if key in found], number, self)


class Chain:
    """Lists read one after the other as one list ("these first, then those"), each in its own
    index order, so a page is read without putting them together and sorting them in the
    database: a search's matches by their own reference and then, latest first, the records
    at the homes that match (tens of thousands for a street-wide word)."""

    def __init__(self, *parts: QuerySet):
        self.parts = parts
        self._counted: tuple[int, list[int]] | None = None  # (limit, sizes) of the last count

    def _sizes(self, limit: int) -> list[int]:
        """Each part's rows, counted only as far as `limit` rows in all (a count made to a
        limit at least as far serves: it places every row before that limit)."""
        if self._counted and self._counted[0] >= limit:
            return self._counted[1]
        sizes, total = [], 0
        for part in self.parts:
            size = part.order_by().values("pk")[: limit - total].count() if total < limit else 0
            sizes.append(size)
            total += size
        self._counted = (limit, sizes)
        return sizes

    def count_to(self, limit: int) -> int:
        return sum(self._sizes(limit))

    def __getitem__(self, index: slice) -> list:
        start, stop = index.start or 0, index.stop
        rows, before = [], 0
        for part, size in zip(self.parts, self._sizes(stop), strict=True):
            if size and before + size > start:
                rows += list(part[max(0, start - before) : stop - before])
            before += size
            if before >= stop:
                break
        return rows


def page_of(
    rows: QuerySet | Chain | Sequence, params: QueryDict, *, per_page: int, keys_first: bool = False
) -> Page:
    """The page of `rows` that `?page=` asks for, from a paginator that counts to `CAP`
    (`keys_first` for a list sorted by another table's field: see above)."""
    paginator = CappedPaginator(rows, per_page, keys_first=keys_first)
    return paginator.get_page(query.text(params, "page"))

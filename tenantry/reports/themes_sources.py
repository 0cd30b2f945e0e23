"""The comments themes are worked out from, and their texts for examples.

Three sources, each read where its app keeps it: written answers to surveys (questions of the
kind "Written answer"), complaints' descriptions, and criticisms and questions raised at
meetings. Only ids, dates and texts are read: never who answered, complained or spoke.
"""

from dataclasses import dataclass
from datetime import date

from tenantry.core.periods import financial_year_of
from tenantry.democracy.meeting_selectors import criticisms_of
from tenantry.organisations.models import Organisation
from tenantry.records.models import Complaint
from tenantry.surveys.models import Answer, Question

from .themes import worth_grouping
from .themes_models import ThemeComment

Source = ThemeComment.Source


@dataclass(frozen=True)
class Comment:
    source: str
    object_id: int
    day: date
    text: str

    @property
    def year(self) -> int:
        return financial_year_of(self.day).start.year


def comments_of(organisation: Organisation) -> list[Comment]:
    """Every comment of the organisation worth grouping, in a fixed order (source, then day,
    then id), so the same records always give the same themes."""
    found = [
        Comment(Source.SURVEYS, pk, day, text)
        for pk, day, text in Answer.objects.filter(
            response__survey__organisation=organisation, question__kind=Question.Kind.TEXT
        )
        .exclude(text="")
        .values_list("pk", "response__submitted_on", "text")
        .iterator(chunk_size=2000)
    ]
    found += [
        Comment(Source.COMPLAINTS, pk, day, text)
        for pk, day, text in Complaint.objects.filter(organisation=organisation)
        .exclude(description="")
        .values_list("pk", "received_on", "description")
        .iterator(chunk_size=2000)
    ]
    found += [
        Comment(Source.MEETINGS, pk, day, text)
        for pk, day, text in criticisms_of(organisation)
        .values_list("pk", "meeting__day", "text")
        .iterator(chunk_size=2000)
    ]
    order = {Source.SURVEYS: 0, Source.COMPLAINTS: 1, Source.MEETINGS: 2}
    found = [c for c in found if worth_grouping(c.text)]
    return sorted(found, key=lambda c: (order[c.source], c.day, c.object_id))


def texts_of(organisation: Organisation, wanted: dict[str, set[int]]) -> dict[tuple, str]:
    """The texts of the comments `wanted` ({source: ids}), keyed by (source, id); one query per
    source asked for, each within the organisation."""
    texts = {}
    if ids := wanted.get(Source.SURVEYS):
        rows = Answer.objects.filter(
            pk__in=ids, response__survey__organisation=organisation
        ).values_list("pk", "text")
        texts |= {(Source.SURVEYS, pk): text for pk, text in rows}
    if ids := wanted.get(Source.COMPLAINTS):
        rows = Complaint.objects.filter(pk__in=ids, organisation=organisation).values_list(
            "pk", "description"
        )
        texts |= {(Source.COMPLAINTS, pk): text for pk, text in rows}
    if ids := wanted.get(Source.MEETINGS):
        rows = criticisms_of(organisation).filter(pk__in=ids).values_list("pk", "text")
        texts |= {(Source.MEETINGS, pk): text for pk, text in rows}
    return texts

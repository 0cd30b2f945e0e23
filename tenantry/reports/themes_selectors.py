"""What the themes page shows: the latest themes worked out, filtered by source and year, with
the examples the person may read (docs/themes.md)."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, F, Q, Window
from django.db.models.functions import RowNumber
from django.utils import timezone

from tenantry.core.periods import financial_year
from tenantry.core.permissions import Roles
from tenantry.core.privacy import too_few_to_show
from tenantry.organisations.models import Organisation

from .permissions import can_see_themes_examples
from .themes_models import ThemeComment, ThemeRun
from .themes_sources import texts_of

EXAMPLES_PER_THEME = 3
EXAMPLE_LENGTH = 300
# A run waiting or under way for longer than this was left by a worker that ended.
STALE_AFTER = timedelta(minutes=30)


@dataclass
class Example:
    source: str
    text: str

    @property
    def source_label(self) -> str:
        return ThemeComment.Source(self.source).label


@dataclass
class ShownTheme:
    number: int
    label: str
    size: int
    by_source: dict[str, int]
    examples: list[Example] = field(default_factory=list)
    # Why no examples are shown, when none are: "few" (too few comments here), "role".
    hidden_because: str = ""

    @property
    def sources(self) -> list[tuple[str, int]]:
        return [(ThemeComment.Source(s).label, n) for s, n in self.by_source.items() if n]


def latest_ready(organisation: Organisation) -> ThemeRun | None:
    return (
        ThemeRun.objects.filter(organisation=organisation, status=ThemeRun.Status.READY)
        .order_by("-finished_at", "-pk")
        .first()
    )


def newest_unfinished(organisation: Organisation, *, after=None) -> ThemeRun | None:
    """A run waiting or under way, or one that failed after the latest ready one; a run left
    waiting or under way too long is marked failed here."""
    runs = ThemeRun.objects.filter(organisation=organisation).exclude(status=ThemeRun.Status.READY)
    if after is not None:
        runs = runs.filter(requested_at__gt=after)
    run = runs.order_by("-requested_at", "-pk").first()
    if (
        run is not None
        and run.status in (ThemeRun.Status.QUEUED, ThemeRun.Status.RUNNING)
        and run.requested_at < timezone.now() - STALE_AFTER
    ):
        ThemeRun.objects.filter(pk=run.pk).update(status=ThemeRun.Status.FAILED)
        run.status = ThemeRun.Status.FAILED
    return run


def read_filters(query) -> tuple[str, int | None, dict]:
    """The source ("" for all) and financial year (None for all) asked for; what was wrong."""
    errors = {}
    source = (query.get("source") or "").strip()
    if source and source not in ThemeComment.Source.values:
        errors["source"] = "source"
        source = ""
    year = None
    text = (query.get("year") or "").strip()
    if text:
        try:
            year = financial_year(text).start.year
        except (ValueError, TypeError):
            errors["year"] = text
    return source, year, errors


def themes_page(
    *, organisation: Organisation, roles: Roles, source: str = "", year: int | None = None
) -> dict:
    run = latest_ready(organisation)
    context = {
        "run": run,
        "pending": newest_unfinished(organisation, after=run.requested_at if run else None),
        "themes": [],
        "others": 0,
        "total": 0,
        "years": [],
    }
    if run is None:
        return context
    comments = ThemeComment.objects.filter(run=run)
    context["years"] = sorted(
        comments.order_by().values_list("year", flat=True).distinct(), reverse=True
    )
    if source:
        comments = comments.filter(source=source)
    if year is not None:
        comments = comments.filter(year=year)
    counts: dict[int, dict[str, int]] = {}
    others = 0
    for theme_id, src, n in (
        comments.order_by().values_list("theme", "source").annotate(n=Count("pk"))
    ):
        if theme_id is None:
            others += n
        else:
            counts.setdefault(theme_id, {}).update({src: n})
    shown = []
    order = list(ThemeComment.Source.values)
    for theme in run.themes.all():
        by_source = counts.get(theme.pk, {})
        size = sum(by_source.values())
        if not size:
            continue
        shown.append(
            (
                theme.pk,
                ShownTheme(
                    number=theme.number,
                    label=theme.label,
                    size=size,
                    by_source={s: by_source.get(s, 0) for s in order},
                ),
            )
        )
    shown.sort(key=lambda item: (-item[1].size, item[1].number))
    _add_examples(organisation, roles, comments, shown)
    context["themes"] = [theme for _pk, theme in shown]
    context["others"] = others
    context["total"] = others + sum(t.size for t in context["themes"])
    return context


def _add_examples(organisation, roles, comments, shown) -> None:
    """Each theme's examples: its comments closest to its centre, from the sources the person
    may read and of which the theme holds enough comments here that no one is picked out."""
    allowed = {
        pk: [
            s
            for s, n in theme.by_source.items()
            if n and not too_few_to_show(n) and can_see_themes_examples(roles, s)
        ]
        for pk, theme in shown
    }
    for pk, theme in shown:
        if not allowed[pk]:
            may_read = any(
                can_see_themes_examples(roles, s) for s, n in theme.by_source.items() if n
            )
            theme.hidden_because = "few" if may_read else "role"
    wanted_pairs = [(pk, s) for pk, sources in allowed.items() for s in sources]
    if not wanted_pairs:
        return
    which = Q()
    for pk, s in wanted_pairs:
        which |= Q(theme_id=pk, source=s)
    rows = list(
        comments.filter(which)
        .annotate(
            place=Window(RowNumber(), partition_by=[F("theme_id")], order_by=[F("rank").asc()])
        )
        .filter(place__lte=EXAMPLES_PER_THEME)
        .order_by("theme_id", "rank")
        .values_list("theme_id", "source", "object_id")
    )
    wanted: dict[str, set[int]] = {}
    for _theme, src, object_id in rows:
        wanted.setdefault(src, set()).add(object_id)
    texts = texts_of(organisation, wanted)
    by_pk = dict(shown)
    for theme_id, src, object_id in rows:
        text = texts.get((src, object_id))
        if text:
            if len(text) > EXAMPLE_LENGTH:
                text = text[: EXAMPLE_LENGTH - 1].rstrip() + "…"
            by_pk[theme_id].examples.append(Example(source=src, text=text))

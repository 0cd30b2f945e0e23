"""Working out an organisation's themes: asked for on the page, done by a background task,
kept until they are worked out again (docs/themes.md)."""

import logging

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tenantry.core.models import User
from tenantry.organisations.audit import record_change
from tenantry.organisations.models import Organisation
from tenantry.organisations.permissions import require

from . import themes
from .permissions import can_work_out_themes
from .themes_models import Theme, ThemeComment, ThemeRun
from .themes_sources import comments_of

log = logging.getLogger(__name__)


def ask_for_themes(*, organisation: Organisation, by: User | None) -> ThemeRun:
    """Queue a new working-out of `organisation`'s themes, unless one is already waiting or
    under way (then that one is returned)."""
    require(can_work_out_themes, user=by, organisation=organisation)
    with transaction.atomic():
        # One at a time per organisation: the organisation's row is the lock.
        Organisation.objects.select_for_update().filter(pk=organisation.pk).first()
        pending = ThemeRun.objects.filter(
            organisation=organisation, status__in=[ThemeRun.Status.QUEUED, ThemeRun.Status.RUNNING]
        ).first()
        if pending is not None:
            return pending
        run = ThemeRun.objects.create(organisation=organisation, requested_by=by)
        record_change(
            organisation=organisation,
            by=by,
            action="created",
            what=_("What residents keep raising, worked out again"),
        )
        from .themes_tasks import work_out_themes_task

        transaction.on_commit(lambda: work_out_themes_task.enqueue(run.pk))
    return run


def work_out(run: ThemeRun) -> None:
    """The task's work: claim the run, group the organisation's comments and keep the themes.
    On failure the run is marked failed, with a message for the person, and the themes worked
    out before stay on the page."""
    claimed = ThemeRun.objects.filter(pk=run.pk, status=ThemeRun.Status.QUEUED).update(
        status=ThemeRun.Status.RUNNING
    )
    if not claimed:
        return
    try:
        comments = comments_of(run.organisation)
        from .themes_embedding import MODEL_NAME

        grouping = themes.find_themes([c.text for c in comments])
        with transaction.atomic():
            _keep(run, comments, grouping)
            run.status = ThemeRun.Status.READY
            run.finished_at = timezone.now()
            run.comments = len(comments)
            run.model_name = MODEL_NAME
            run.save(update_fields=["status", "finished_at", "comments", "model_name"])
            # Earlier runs are replaced by this one.
            ThemeRun.objects.filter(organisation=run.organisation).exclude(pk=run.pk).exclude(
                status__in=[ThemeRun.Status.QUEUED, ThemeRun.Status.RUNNING]
            ).delete()
    except Exception:
        log.exception("Working out themes failed for run %s", run.pk)
        ThemeRun.objects.filter(pk=run.pk).update(
            status=ThemeRun.Status.FAILED,
            finished_at=timezone.now(),
            error=_(
                "Something went wrong on our side while working out the themes. Start it "
                "again; if it keeps happening, tell your site administrator."
            ),
        )


def _keep(run: ThemeRun, comments: list, grouping: themes.Grouping) -> None:
    rows = []
    for number, found in enumerate(grouping.themes, start=1):
        theme = Theme.objects.create(
            run=run, number=number, label=found.label[:200], size=found.size
        )
        for rank, index in enumerate(found.members, start=1):
            c = comments[index]
            rows.append(
                ThemeComment(
                    run=run,
                    theme=theme,
                    source=c.source,
                    object_id=c.object_id,
                    year=c.year,
                    rank=rank,
                )
            )
    for index in grouping.others:
        c = comments[index]
        rows.append(ThemeComment(run=run, source=c.source, object_id=c.object_id, year=c.year))
    ThemeComment.objects.bulk_create(rows, batch_size=1000)

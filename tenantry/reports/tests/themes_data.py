"""Comments in every source for the cast's TMO, and a themes run stored by hand (no model)."""

from datetime import date

from django.utils import timezone

from tenantry.democracy.tests.meeting_factories import CriticismFactory, MeetingFactory
from tenantry.records.tests.factories import ComplaintFactory
from tenantry.reports.themes_models import Theme, ThemeComment, ThemeRun
from tenantry.surveys.tests.factories import AnswerFactory, QuestionFactory, SurveyFactory

Source = ThemeComment.Source


def add_comments(organisation, *, surveys=(), complaints=(), meetings=(), day=date(2025, 6, 2)):
    """Written survey answers, complaints and criticisms with these texts; their ids by source."""
    ids = {Source.SURVEYS: [], Source.COMPLAINTS: [], Source.MEETINGS: []}
    if surveys:
        question = QuestionFactory(survey=SurveyFactory(organisation=organisation))
        for text in surveys:
            answer = AnswerFactory(
                question=question,
                response__survey=question.survey,
                response__submitted_on=day,
                text=text,
            )
            ids[Source.SURVEYS].append(answer.pk)
    for text in complaints:
        ids[Source.COMPLAINTS].append(
            ComplaintFactory(organisation=organisation, description=text, received_on=day).pk
        )
    if meetings:
        meeting = MeetingFactory(organisation=organisation, day=day)
        for text in meetings:
            ids[Source.MEETINGS].append(CriticismFactory(meeting=meeting, text=text).pk)
    return ids


def stored_run(organisation, themes: list[tuple[str, list[tuple[str, int, int]]]], others=()):
    """A ready run with `themes`: (label, [(source, object id, financial year), …]) each,
    members in order of closeness; `others` likewise, in no theme."""
    run = ThemeRun.objects.create(
        organisation=organisation,
        status=ThemeRun.Status.READY,
        finished_at=timezone.now(),
        comments=sum(len(m) for _l, m in themes) + len(others),
        model_name="all-MiniLM-L6-v2",
    )
    for number, (label, members) in enumerate(themes, start=1):
        theme = Theme.objects.create(run=run, number=number, label=label, size=len(members))
        for rank, (source, object_id, year) in enumerate(members, start=1):
            ThemeComment.objects.create(
                run=run, theme=theme, source=source, object_id=object_id, year=year, rank=rank
            )
    for source, object_id, year in others:
        ThemeComment.objects.create(run=run, source=source, object_id=object_id, year=year)
    return run

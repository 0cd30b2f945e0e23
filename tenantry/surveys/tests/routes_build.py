"""Routes of building surveys and of fieldwork, for the permission matrix."""

from tenantry.core.tests.matrix import (
    MANAGEMENT,
    SURVEY_RUNNERS,
    SURVEY_RUNNERS_POST_ONLY,
    SURVEY_RUNNERS_SENT_TO_START,
)
from tenantry.surveys.tests.surveys_for_routes import (
    draft_survey,
    first_question,
    invitation,
    open_survey,
    started_invitation,
)


def _draft(cast) -> int:
    return draft_survey(cast).pk


def _question(cast) -> int:
    return first_question(draft_survey(cast))


def _section(cast) -> int:
    return draft_survey(cast).sections.get().pk


def _open(cast) -> int:
    return open_survey(cast).pk


def _open_with_invitation(cast) -> int:
    return invitation(cast).survey_id


def _invitation(cast) -> int:
    return invitation(cast).pk


def _started(cast) -> int:
    return started_invitation(cast).pk


def _open_question(cast) -> int:
    return first_question(open_survey(cast))


ROUTES = {
    "surveys:surveys": ("tmo", {}, MANAGEMENT),
    "surveys:create-survey": ("tmo", {}, SURVEY_RUNNERS),
    "surveys:survey": ("tmo", {"pk": _draft}, MANAGEMENT),
    "surveys:edit-survey": ("tmo", {"pk": _draft}, SURVEY_RUNNERS),
    "surveys:delete-survey": ("tmo", {"pk": _draft}, SURVEY_RUNNERS),
    "surveys:change-status": ("tmo", {"pk": _draft}, SURVEY_RUNNERS_POST_ONLY),
    "surveys:questions": ("tmo", {"pk": _draft}, MANAGEMENT),
    "surveys:add-question": ("tmo", {"pk": _draft}, SURVEY_RUNNERS),
    "surveys:move": ("tmo", {"pk": _draft}, SURVEY_RUNNERS_POST_ONLY),
    "surveys:edit-question": ("tmo", {"pk": _draft, "question": _question}, SURVEY_RUNNERS),
    "surveys:delete-question": ("tmo", {"pk": _draft, "question": _question}, SURVEY_RUNNERS),
    "surveys:add-section": ("tmo", {"pk": _draft}, SURVEY_RUNNERS),
    "surveys:edit-section": ("tmo", {"pk": _draft, "section": _section}, SURVEY_RUNNERS),
    "surveys:delete-section": ("tmo", {"pk": _draft, "section": _section}, SURVEY_RUNNERS),
    "surveys:translations": ("tmo", {"pk": _draft}, SURVEY_RUNNERS),
    "surveys:translate": ("tmo", {"pk": _draft, "language": lambda cast: "cy"}, SURVEY_RUNNERS),
    "surveys:preview": ("tmo", {"pk": _draft}, MANAGEMENT),
    "surveys:preview-question": ("tmo", {"pk": _draft, "question": _question}, MANAGEMENT),
    "surveys:preview-check": ("tmo", {"pk": _draft}, MANAGEMENT),
    "surveys:invite": ("tmo", {"pk": _draft}, SURVEY_RUNNERS),
    "surveys:questionnaire-pdf": ("tmo", {"pk": _draft}, MANAGEMENT),
    # Fieldwork: an open survey, with the resident's household invited.
    "surveys:households": ("tmo", {"pk": _open}, SURVEY_RUNNERS),
    "surveys:letters": ("tmo", {"pk": _open_with_invitation}, SURVEY_RUNNERS_POST_ONLY),
    "surveys:paper": ("tmo", {"pk": _open}, SURVEY_RUNNERS),
    "surveys:interview": ("tmo", {"pk": _open, "invitation": _invitation}, SURVEY_RUNNERS),
    "surveys:interview-question": (
        "tmo",
        {"pk": _open, "invitation": _started, "question": _open_question},
        SURVEY_RUNNERS_SENT_TO_START,
    ),
    "surveys:interview-check": (
        "tmo",
        {"pk": _open, "invitation": _started},
        SURVEY_RUNNERS_SENT_TO_START,
    ),
}


def _letters_file(cast, *, done: bool = False) -> int:
    """Letters the staff member asked for: only they reach the file's pages."""
    from django.core.files.base import ContentFile

    from tenantry.organisations.models import PreparedFile

    prepared = PreparedFile.objects.create(
        organisation=cast.tmo,
        requested_by=cast.people["staff"],
        kind="survey-letters",
        title="Letters",
        filename="letters.pdf",
        status="done" if done else "running",
    )
    if done:
        prepared.file.save("letters.pdf", ContentFile(b"%PDF-1.7\n"))
    return prepared.pk


# A prepared file belongs to the person who asked for it: everyone else finds no such file.
REQUESTER_ONLY = ["login", 404, 404, 200, 404, 404, 404, 404, 404]
# Asking again is POST only, refused before the file is looked up.
IN_ORGANISATION_POST_ONLY = ["login", 405, 405, 405, 405, 405, 404, 404, 405]

ROUTES |= {
    "organisations:prepared-file": ("tmo", {"pk": _letters_file}, REQUESTER_ONLY),
    "organisations:download-prepared-file": (
        "tmo",
        {"pk": lambda cast: _letters_file(cast, done=True)},
        REQUESTER_ONLY,
    ),
    "organisations:prepare-again": ("tmo", {"pk": _letters_file}, IN_ORGANISATION_POST_ONLY),
}

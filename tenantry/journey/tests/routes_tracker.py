"""The journey tracker's routes for the permission matrix. A group's pages are for its members
and its network's advisers (journey.access), neither of whom the cast holds: so every role of
the cast finds no such page (404), as for a group that does not exist; the site administrator
works on every group; someone signed out is asked to sign in. test_tracker_permissions.py asks
the same routes as the group's member, its adviser and another network's adviser."""

from django.core.files.base import ContentFile

from tenantry.journey.models import Document, Task
from tenantry.journey.tests.factories import GroupFactory
from tenantry.organisations.tests.factories import OrganisationFactory

GROUP_PAGE = ["login", 404, 404, 404, 404, 404, 404, 404, 200]
GROUP_POST_ONLY = ["login", 404, 404, 404, 404, 404, 404, 404, 405]


def _group(cast):
    return GroupFactory().pk


def _with_organisation(cast):
    return GroupFactory(organisation=OrganisationFactory()).pk


def _group_with_task(cast):
    return Task.objects.create(group=GroupFactory(), title="Book the hall").group_id


def _group_with_document(cast):
    document = Document(group=GroupFactory(), title="Our constitution")
    document.file.save("constitution.pdf", ContentFile(b"%PDF-1.4"), save=False)
    document.save()
    return document.group_id


# A route's arguments are filled in order: the group first, then the thing just made in it.
def _latest(model):
    return lambda cast: model.objects.latest("pk").pk


ROUTES = {
    "journey:group": ("tmo", {"group": _group}, GROUP_PAGE),
    "journey:group-milestone": ("tmo", {"group": _group}, GROUP_PAGE),
    "journey:group-add-task": ("tmo", {"group": _group}, GROUP_PAGE),
    "journey:group-task-done": (
        "tmo",
        {"group": _group_with_task, "task": _latest(Task)},
        GROUP_POST_ONLY,
    ),
    "journey:group-add-document": ("tmo", {"group": _group}, GROUP_PAGE),
    "journey:group-document": (
        "tmo",
        {"group": _group_with_document, "document": _latest(Document)},
        GROUP_PAGE,
    ),
    "journey:group-eligibility": ("tmo", {"group": _group}, GROUP_PAGE),
    "journey:group-make-organisation": ("tmo", {"group": _group}, GROUP_PAGE),
    "journey:group-schedule-ballot": ("tmo", {"group": _with_organisation}, GROUP_PAGE),
}

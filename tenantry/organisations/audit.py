"""The audit trail of changes to what keeps no django-simple-history: one home, `record_change`.

Models with history (organisations, agreements, homes, targets, results, …) record who through
django-simple-history; every other change a service makes calls `record_change` once, inside
its transaction, so the entry exists exactly when the change does. The organisation's History
page shows both, merged in time order (`organisations.selectors.changes_to`).
"""

from tenantry.core.models import User

from .models import AuditEntry, Organisation

Action = AuditEntry.Action


def record_change(
    *, organisation: Organisation, by: User | None, action: str, what: str, detail: str = ""
) -> AuditEntry:
    """Record that `by` (None: Tenantry itself) did `action` to `what` in `organisation`.

    Call it inside the service's transaction, once per change: an import run or a batch of
    invitations is one entry, never one per row.

    NEVER call it for anything about answering a survey: starting or continuing a draft, an
    answer, a response submitted online, a paper response keyed in, a contractor's file of
    responses. An entry's time and its author, next to an anonymous response's, would join a
    person or a household to that response, which the survey's anonymity forbids.
    """
    return AuditEntry.objects.create(
        organisation=organisation,
        by=by,
        action=action,
        what=what[:300],
        detail=detail,
    )


def save_checked(obj, by: User | None) -> None:
    """Check `obj` against its model's rules (refusing it with a ValidationError) and save it,
    with `by` as the author django-simple-history records: how a service saves a model that
    keeps history."""
    obj.full_clean()
    obj._history_user = by
    obj.save()

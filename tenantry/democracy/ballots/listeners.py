"""Who is told when a ballot is counted. The engine knows nothing of what a ballot is for: a
meeting's poll or an election registers a listener here (in `DemocracyConfig.ready`), and the
count calls each one in its own transaction, so the motion is decided with the count or not at
all. The engine never imports the parts that use it."""

from collections.abc import Callable

from tenantry.core.models import User

from ..models.ballots import Ballot

Listener = Callable[..., None]  # (*, ballot: Ballot, by: User | None) -> None
_listeners: list[Listener] = []


def when_counted(listener: Listener) -> Listener:
    """Call `listener(ballot=…, by=…)` after every count, inside its transaction."""
    if listener not in _listeners:
        _listeners.append(listener)
    return listener


def counted(*, ballot: Ballot, by: User | None) -> None:
    for listener in list(_listeners):
        listener(ballot=ballot, by=by)

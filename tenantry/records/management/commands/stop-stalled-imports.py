"""`tenantry stop-stalled-imports`: the same command as `stop_stalled_imports`, spelt as
documented."""

from .stop_stalled_imports import Command  # noqa: F401

"""`tenantry import-tsm-peers`: the same command as `import_tsm_peers`, spelt as documented."""

from .import_tsm_peers import Command  # noqa: F401

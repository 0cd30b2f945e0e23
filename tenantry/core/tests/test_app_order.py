"""The app order is written twice on purpose, and the two must agree: INSTALLED_APPS (so Django
loads apps bottom-up) and the import-linter `layers` contract in pyproject.toml (so CI refuses
an import that points up the order). A new app missing from the contract would be unchecked."""

import tomllib
from pathlib import Path

from django.conf import settings

PYPROJECT = Path(__file__).resolve().parents[3] / "pyproject.toml"


def layers() -> list[str]:
    config = tomllib.loads(PYPROJECT.read_text())["tool"]["importlinter"]
    (contract,) = [c for c in config["contracts"] if c["type"] == "layers"]
    return contract["layers"]


def test_every_app_is_in_the_layers_contract_in_installed_apps_order():
    ours = [app for app in settings.INSTALLED_APPS if app.startswith("tenantry.")]

    assert list(reversed(layers())) == ours

"""The organisation's menu, the parts of a home's page and the `may` flags, from every app.

Each app says what it adds to the menu in its own `navigation.py` (a list `SECTIONS` of
`Section`, and `HOME_PARTS`, what it shows on a home's page) and keeps its rules in its own
`permissions.py`. This module finds them in every installed app, the way Django's admin finds
`admin.py`, so no app hard-codes another's menu, and `homes` shows a home's repairs without
importing the app that keeps them.
"""

import inspect
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from importlib.util import find_spec
from types import ModuleType
from typing import Any

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.utils.functional import Promise

from .permissions import Roles


@dataclass(frozen=True)
class Section:
    """One entry in an organisation's menu, shown to those whose roles `rule` allows."""

    order: int  # the place in the menu: lower comes first, whichever app adds it
    label: str | Promise
    url_name: str  # the URL takes the organisation's slug and nothing else
    rule: Callable[[Roles], bool]
    exact: bool = False  # marked as the current page only on its own address, not below it
    # Whether the organisation has any use for the page at all, whoever asks: the same rule
    # the page itself follows (a panel keeps no service records, so it is offered none).
    used_by: Callable[[Any], bool] | None = None
    # How many things wait there (shown beside the label when more than none): one query.
    count: Callable[[Any], int] | None = None

    def shown(self, *, organisation: Any, roles: Roles) -> bool:
        """Offered to these roles in this organisation."""
        return self.rule(roles) and (self.used_by is None or self.used_by(organisation))


@dataclass(frozen=True)
class HomePart:
    """A part of a home's page that an app adds (its records of the home), for those `rule`
    allows. `context(organisation=…, home=…)` gives what `template` shows."""

    order: int
    template: str
    context: Callable[..., dict]
    rule: Callable[[Roles], bool]


def _app_modules(name: str) -> list[ModuleType]:
    """Each installed Tenantry app's `name` module, in `INSTALLED_APPS` order."""
    found = []
    for config in apps.get_app_configs():
        if not config.name.startswith("tenantry."):
            continue
        module_name = f"{config.name}.{name}"
        if find_spec(module_name) is not None:
            found.append(import_module(module_name))
    return found


@cache
def sections() -> tuple[Section, ...]:
    """Every app's menu entries, in menu order."""
    every = [section for module in _app_modules("navigation") for section in module.SECTIONS]
    return tuple(sorted(every, key=lambda section: section.order))


@cache
def home_parts() -> tuple[HomePart, ...]:
    """Every app's parts of a home's page, in page order."""
    every = [
        part for module in _app_modules("navigation") for part in getattr(module, "HOME_PARTS", ())
    ]
    return tuple(sorted(every, key=lambda part: part.order))


@cache
def role_rules() -> dict[str, Callable[[Roles], bool]]:
    """Every app's `can_*` predicate that answers from the roles alone, by name.

    A predicate belongs to the module that defines it; one imported from an app below is
    skipped there. Rules that need an object too (`can_see_respondents`) are asked in views.
    """
    rules: dict[str, Callable[[Roles], bool]] = {}
    for module in _app_modules("permissions"):
        for name, rule in vars(module).items():
            if not (name.startswith("can_") and inspect.isfunction(rule)):
                continue
            if rule.__module__ != module.__name__:
                continue
            if list(inspect.signature(rule).parameters) != ["roles"]:
                continue
            if name in rules:
                raise ImproperlyConfigured(f"Two apps define the rule {name}")
            rules[name] = rule
    return rules

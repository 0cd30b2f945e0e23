"""Looking up a translation quickly.

Every `{% translate %}` and `gettext` looks a message up in the active language's catalogs. As
Django builds them, a language has one catalog per installed app that ships one (its merge
compares a plural rule's code with the rule itself, so never merges: seven for English) and,
behind those, a fallback for each app that ships a bare English catalog holding only its header
(six more). A message missing from all of them — every English message, since English is the
language Tenantry is written in — is looked for thirteen times: about 12 µs, and a list page
asks for more than a thousand.

`compact` merges neighbouring catalogs whose plural rules agree (the earlier one still wins a
message both hold) and drops fallbacks that hold nothing but a header, so the same messages are
found, or not found, in one lookup. It is applied to each language the site offers when the app
starts (`core/apps.py`); a test compares every message of every catalog before and after."""

from django.conf import settings
from django.utils.translation import trans_real

_SAMPLE = range(0, 201)  # numbers on which two plural rules must agree to be the same rule


def _rule(plural) -> tuple[int, ...]:
    return tuple(plural(n) for n in _SAMPLE)


def compact(translation: trans_real.DjangoTranslation) -> None:
    """Merge `translation`'s neighbouring catalogs with the same plural rule and drop its
    fallbacks that translate nothing."""
    catalog = translation._catalog
    if isinstance(catalog, trans_real.TranslationCatalog):
        catalogs, plurals = [], []
        for messages, plural in zip(catalog._catalogs, catalog._plurals, strict=True):
            if plurals and _rule(plurals[-1]) == _rule(plural):
                # The earlier catalog is looked at first: its messages stay.
                catalogs[-1] = {**messages, **catalogs[-1]}
            else:
                catalogs.append(dict(messages))
                plurals.append(plural)
        catalog._catalogs, catalog._plurals = catalogs, plurals
    holder = translation
    while holder._fallback is not None:
        fallback = holder._fallback
        messages = getattr(fallback, "_catalog", None)
        if messages is None or set(messages.keys()) <= {""}:
            holder._fallback = fallback._fallback  # only a header: it translates nothing
        else:
            holder = fallback


def compact_site_languages() -> None:
    """Compact the catalogs of every language the site offers, loading them now."""
    for code, _name in settings.LANGUAGES:
        compact(trans_real.translation(code))

"""Compacting a language's catalogs changes no translation: every message of every catalog,
singular and plural, reads the same before and after, and a message nobody translated is
still given back as it is."""

import pytest
from django.conf import settings
from django.utils.translation import trans_real

from tenantry.core.translation import compact


def _keys(translation) -> set:
    keys = set()
    while translation is not None:
        catalog = getattr(translation, "_catalog", None)
        if catalog is not None:
            keys.update(catalog.keys())
        translation = translation._fallback
    return keys


@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_every_message_reads_the_same_after_compacting(language):
    before = trans_real.DjangoTranslation(language)
    after = trans_real.DjangoTranslation(language)
    compact(after)
    keys = _keys(before)
    singular = {key for key in keys if isinstance(key, str) and key}
    plural = {key[0] for key in keys if isinstance(key, tuple)}
    assert len(singular) > 100 and plural

    assert [after.gettext(m) for m in sorted(singular)] == [
        before.gettext(m) for m in sorted(singular)
    ]
    for n in range(12):
        assert [after.ngettext(m, m + "s", n) for m in sorted(plural)] == [
            before.ngettext(m, m + "s", n) for m in sorted(plural)
        ]
    unwritten = "A message nobody wrote"
    assert after.gettext(unwritten) == unwritten


def test_english_is_looked_up_in_one_catalog_without_fallbacks():
    translation = trans_real.DjangoTranslation("en-gb")
    compact(translation)
    assert len(translation._catalog._catalogs) == 1 and translation._fallback is None


def test_the_site_starts_with_its_languages_compacted():
    assert trans_real.translation("en-gb")._fallback is None

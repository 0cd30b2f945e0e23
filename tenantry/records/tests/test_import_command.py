"""`tenantry import KIND FILE --org SLUG`, and the example files it is documented with."""

import re
from datetime import date
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from tenantry.demo.generate import generate
from tenantry.homes.models import Home
from tenantry.organisations.models import Organisation
from tenantry.records.imports.specs import SPECS
from tenantry.records.models import ImportMapping, ImportRun, Repair, RepairPriority

from .test_import_support import Place, csv_bytes

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[3]
EXAMPLES = ROOT / "examples"
# Which organisation each example is written for (docs/imports.md says the same).
EXAMPLE_ORGANISATION = {kind: "kingsmead-tmo" for kind in SPECS} | {
    "homes": "northbrook-council",
    "households": "northbrook-council",
    "rent": "northbrook-council",
}
# The order they load in: the new homes, then their tenancies, then those tenancies' rent.
EXAMPLE_ORDER = ["homes", "households", "rent"] + [
    k for k in SPECS if k not in ("homes", "households", "rent")
]


def _call(*args, **options) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    try:
        call_command("import", *args, stdout=out, stderr=err, **options)
    except CommandError as error:
        error.add_note(out.getvalue())  # the problems table, for a failing test's report
        raise
    return out.getvalue(), err.getvalue()


@pytest.fixture
def repairs_file(cast, tmp_path):
    place = Place(cast)
    rows = [["reference", "home", "priority", "reported_at"]] + [
        [f"R{n}", place.home.reference, "EM", "02/11/2026 09:15"] for n in range(5)
    ]
    path = tmp_path / "repairs.csv"
    path.write_bytes(csv_bytes(rows))
    return path


def test_the_command_imports_and_says_what_it_did(cast, repairs_file):
    out, err = _call("repairs", str(repairs_file), org=cast.tmo.slug, progress_every=2)
    assert "Imported repairs from repairs.csv into Kingsmead TMO: 5 rows read, 5 created, " \
        "0 updated, 0 unchanged" in out  # fmt: skip
    assert "2 rows" in err and "4 rows" in err  # progress goes to stderr
    assert Repair.objects.filter(organisation=cast.tmo).count() == 5
    assert ImportRun.objects.get().status == "done"

    out, _err = _call("repairs", str(repairs_file), org=cast.tmo.slug)
    assert "0 created, 0 updated, 5 unchanged" in out


def test_the_command_dry_run_changes_nothing(cast, repairs_file):
    out, _err = _call("repairs", str(repairs_file), org=cast.tmo.slug, dry_run=True)
    assert "it would create 5, update 0 and leave 0 unchanged. Nothing was changed" in out
    assert not Repair.objects.exists()


def test_the_command_lists_every_problem_and_fails(cast, tmp_path):
    Place(cast)
    path = tmp_path / "bad.csv"
    path.write_bytes(csv_bytes([
        ["reference", "home", "priority", "reported_at"],
        ["R1", "P404", "EM", "02/11/2026 09:15"],
        ["R2", "P405", "EM", "30/02/2026"],
    ]))  # fmt: skip
    out = StringIO()
    with pytest.raises(CommandError, match=r"bad.csv was not imported: 3 problems in 2 rows"):
        call_command("import", "repairs", str(path), org=cast.tmo.slug, stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "line\tcolumn\tproblem"
    assert lines[1] == "2\thome\tP404 is not one of the homes Kingsmead TMO is responsible for"
    assert lines[3] == "3\treported_at\t30/02/2026 is not a date"
    assert not Repair.objects.exists()


def test_the_command_uses_a_saved_mapping(cast, tmp_path):
    place = Place(cast)
    ImportMapping.objects.create(
        organisation=cast.tmo,
        kind="repairs",
        name="orchard",
        columns={"reference": "Job", "home": "UPRN", "priority": "Pri", "reported_at": "Logged"},
    )
    path = tmp_path / "export.csv"
    path.write_bytes(csv_bytes([
        ["Job", "UPRN", "Pri", "Logged"], ["J1", place.home.reference, "RO", "01/11/2026"],
    ]))  # fmt: skip
    out, _err = _call("repairs", str(path), org=cast.tmo.slug, mapping="orchard")
    assert "1 created" in out
    with pytest.raises(CommandError, match="no repairs mapping called 'other'"):
        _call("repairs", str(path), org=cast.tmo.slug, mapping="other")


def test_the_command_refuses_an_unknown_organisation(tmp_path):
    path = tmp_path / "x.csv"
    path.write_text("reference\n")
    with pytest.raises(CommandError, match="No organisation is called 'nowhere'"):
        _call("repairs", str(path), org="nowhere")


def test_every_example_imports_cleanly_into_a_generated_landlord():
    generate(homes=4000, years=1, seed=1, as_of=date.today(), demo_users=False)
    council = Organisation.objects.get(slug="northbrook-council")
    for code, name, amount, unit in (
        ("E", "Emergency", 24, "hours"),
        ("U", "Urgent", 5, "working_days"),
        ("R", "Routine", 20, "working_days"),
    ):
        RepairPriority.objects.get_or_create(
            landlord=council,
            code=code,
            defaults={"name": name, "target_amount": amount, "target_unit": unit},
        )
    assert sorted(p.stem for p in EXAMPLES.glob("*.csv")) == sorted(SPECS)
    for kind in EXAMPLE_ORDER:
        path = EXAMPLES / f"{kind}.csv"
        rows = len(path.read_text().splitlines()) - 1
        out, _err = _call(kind, str(path), org=EXAMPLE_ORGANISATION[kind])
        assert f"{rows} rows read, {rows} created" in out, (kind, out)
        out, _err = _call(kind, str(path), org=EXAMPLE_ORGANISATION[kind])
        assert f"0 created, 0 updated, {rows} unchanged" in out, (kind, out)
    assert Home.objects.get(reference="P9000003").stock_type == "lcho"


def test_the_docs_describe_every_column_of_every_kind():
    docs = (ROOT / "docs" / "imports.md").read_text()
    for kind, spec in SPECS.items():
        section = re.search(rf"^### `{re.escape(kind)}`.*?(?=^### |\Z)", docs, re.M | re.S)
        assert section, f"docs/imports.md has no section for {kind}"
        for column in spec.columns:
            assert f"| `{column.name}` |" in section.group(0), (kind, column.name)

import json
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError

from tenantry.core import exports as files
from tenantry.core.figures import rounded
from tenantry.core.periods import financial_year, parse_period, quarter
from tenantry.indicators.models import Result
from tenantry.indicators.selectors import results_for
from tenantry.indicators.services.results import compute_results
from tenantry.organisations.models import Organisation

COLUMNS = ["code", "indicator", "scope", "estate", "stock_type", "period", "numerator",
           "denominator", "value", "unit", "source", "computed_at"]  # fmt: skip


class Command(BaseCommand):
    help = (
        "Compute and print every indicator of an organisation for a financial year, quarter or "
        "month (results are stored too). See docs/indicators.md for the definitions."
    )

    def add_arguments(self, parser):
        parser.add_argument("--org", required=True, help="the organisation's short name (slug)")
        parser.add_argument("--year", required=True, help='a financial year, e.g. "2025/26"')
        parser.add_argument("--quarter", help="Q1 (April–June) to Q4 (January–March)")
        parser.add_argument("--month", help='a month of that year, e.g. "May" or "May 2025"')
        parser.add_argument("--format", choices=["table", "csv", "json"], default="table")
        parser.add_argument(
            "--stored", action="store_true", help="print the stored results without recomputing"
        )

    def handle(self, *args, org, year, quarter: str | None, month: str | None, **options):
        organisation = Organisation.objects.filter(slug=org).first()
        if organisation is None:
            raise CommandError(f"No organisation is called {org!r}.")
        try:
            period = _period(year, quarter, month)
        except ValueError as error:
            raise CommandError(str(error)) from None
        if not options["stored"]:
            compute_results(organisation=organisation, period=period, partners=False)
        results = list(results_for(organisation=organisation, period=period))
        rows = [_row(result) for result in results]
        write = {"table": _table, "csv": _csv, "json": _json}[options["format"]]
        write(rows, self.stdout)


def _period(year: str, which_quarter: str | None, which_month: str | None):
    if which_quarter and which_month:
        raise ValueError("Give a quarter or a month, not both.")
    if which_quarter:
        return quarter(year, which_quarter)
    if which_month:
        fy = financial_year(year)
        named = parse_period(which_month if any(c.isdigit() for c in which_month) else
                             f"{which_month} {_year_of_month(fy, which_month)}")  # fmt: skip
        if not fy.contains(named.start):
            raise ValueError(f"{named.label} is not in {fy.label}.")
        return named
    return financial_year(year)


def _year_of_month(fy, name: str) -> int:
    # January to March belong to the second calendar year of a financial year.
    first = parse_period(f"{name} {fy.start.year}")
    return fy.start.year if first.start.month >= 4 else fy.start.year + 1


def _number(value: Decimal | None, places: int | None = None) -> str:
    # Plain digits for scripts and spreadsheets, rounded half up as every page rounds them.
    if value is None:
        return ""
    if places is not None:
        value = rounded(value, places)
    return format(value.normalize() if places is None else value, "f")


def _row(result: Result) -> dict:
    indicator = result.indicator
    return {
        "code": indicator.code,
        "indicator": indicator.name,
        "scope": result.scope,
        "estate": str(result.estate or ""),
        "stock_type": result.stock_type,
        "period": result.period_label,
        "numerator": _number(result.numerator),
        "denominator": _number(result.denominator),
        "value": _number(result.value, indicator.decimals),
        "unit": indicator.get_unit_display(),
        "source": result.source,
        "computed_at": result.computed_at.isoformat(timespec="seconds"),
    }


def _table(rows: list[dict], out) -> None:
    shown = ["code", "scope", "estate", "stock_type", "numerator", "denominator", "value", "unit"]
    widths = {c: max([len(c), *[len(str(r[c])) for r in rows]]) for c in shown}
    out.write("  ".join(c.ljust(widths[c]) for c in shown))
    for row in rows:
        out.write("  ".join(str(row[c]).ljust(widths[c]) for c in shown).rstrip())


def _csv(rows: list[dict], out) -> None:
    # Written by core/exports.py like every CSV: a name typed as "=…" does not run.
    table = [COLUMNS, *([row[column] for column in COLUMNS] for row in rows)]
    for line in files.csv_lines(table, bom=False, lineterminator="\n"):
        out.write(line)


def _json(rows: list[dict], out) -> None:
    out.write(json.dumps(rows, indent=2, ensure_ascii=False))

"""The roll: who may vote in a ballot, frozen at its date in one INSERT … SELECT, and their
single-use codes."""

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import (
    BooleanField,
    Case,
    CharField,
    F,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext as _

from tenantry.core.models import User
from tenantry.homes.models import Household, Resident, Tenure
from tenantry.homes.selectors import homes_of
from tenantry.organisations.audit import record_change
from tenantry.organisations.models import AuditEntry
from tenantry.organisations.permissions import require

from ..models.ballots import Ballot, BallotStatus, Electorate, Voter
from ..models.constitution import Membership
from ..permissions import can_run_ballots
from .codes import hash_code, voter_code

# A random salt per row, made by the database so the roll is written in one statement.
_SALT_SQL = {
    "postgresql": "md5(random()::text || clock_timestamp()::text)",
    "sqlite": "lower(hex(randomblob(16)))",
}
# The roll's columns, in the order of the INSERT.
_COLUMNS = [
    "ballot_id",
    "resident_id",
    "household_id",
    "membership_id",
    "estate_id",
    "secure_tenant",
    "salt",
]


def electorate_rows(ballot: Ballot) -> QuerySet:
    """The rows of the roll as a query, one per person who may vote on `ballot.roll_date`.

    Members: those whose membership is current on the day (`Membership.objects.current`).
    Tenants (a Right to Manage final ballot): every resident named on a tenancy running on the
    day in a home the organisation manages, secure tenants flagged so their votes are counted
    apart (SI 2012/1821; docs/ballots.md). An estate: every resident of the ballot's estate
    living on the day in a home the organisation manages.
    """
    day = ballot.roll_date
    secure = Case(
        When(Q(household__home__tenure=Tenure.SECURE), then=Value(True)),
        default=Value(False),
        output_field=BooleanField(),
    )
    common = {
        "v_ballot": Value(ballot.pk),
        "v_resident": F("resident_id") if ballot.electorate == Electorate.MEMBERS else F("pk"),
        "v_household": F("household_id"),
    }
    if ballot.electorate == Electorate.MEMBERS:
        rows = Membership.objects.current(day).filter(organisation=ballot.organisation)
        membership = F("pk")
    elif ballot.electorate == Electorate.ESTATE:
        # Every resident of a household living on the day in a home of the estate that the
        # organisation manages: participatory budgeting asks the estate's residents, not only
        # those named on the tenancy (docs/budgets.md).
        households = Household.objects.living_on(day).filter(
            home__in=homes_of(organisation=ballot.organisation, on=day)
            .filter(estate_id=ballot.estate_id)
            .values("pk")
        )
        rows = Resident.objects.filter(household__in=households.values("pk"))
        membership = Value(None, output_field=IntegerField())
    else:
        households = Household.objects.living_on(day).filter(
            home__in=homes_of(organisation=ballot.organisation, on=day).values("pk")
        )
        rows = Resident.objects.filter(is_lead_tenant=True, household__in=households.values("pk"))
        membership = Value(None, output_field=IntegerField())
    salt = RawSQL(_SALT_SQL[connection.vendor], [], output_field=CharField())
    names = ["v_ballot", "v_resident", "v_household", "v_membership", "v_estate", "v_secure"]
    return (
        rows.order_by()
        .annotate(
            **common,
            v_membership=membership,
            v_estate=F("household__home__estate_id"),
            v_secure=secure,
            v_salt=salt,
        )
        .values_list(*names, "v_salt")
    )


@transaction.atomic
def freeze_roll(*, ballot: Ballot, by: User | None) -> int:
    """Write the roll of `ballot` as it stands on its roll date, in one statement, and open
    the ballot for codes and votes. Returns how many are on the roll."""
    require(can_run_ballots, user=by, organisation=ballot.organisation)
    given, ballot = ballot, Ballot.objects.select_for_update().get(pk=ballot.pk)
    if ballot.status != BallotStatus.DRAFT:
        raise ValidationError(_("The roll of this ballot is already frozen"), code="frozen")
    if ballot.roll_date > timezone.localdate():
        raise ValidationError(
            {"roll_date": _("The roll can only be frozen at a day that has come")}
        )
    count = insert_roll(ballot)
    ballot.status = BallotStatus.OPEN
    ballot._history_user = by
    ballot.save(update_fields=["status"])
    given.status = ballot.status
    record_change(
        organisation=ballot.organisation,
        by=by,
        action=AuditEntry.Action.OPENED,
        what=str(ballot),
        detail=f"roll frozen at {ballot.roll_date:%Y-%m-%d}: {count}",
    )
    return count


def insert_roll(ballot: Ballot) -> int:
    """INSERT INTO the roll SELECT the electorate: no row passes through Python."""
    sql, params = electorate_rows(ballot).query.sql_with_params()
    quote = connection.ops.quote_name
    columns = ", ".join(quote(column) for column in _COLUMNS)
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {quote(Voter._meta.db_table)} ({columns}) {sql}",  # noqa: S608
            params,
        )
        return cursor.rowcount


@transaction.atomic
def issue_codes(*, ballot: Ballot, by: User | None) -> int:
    """Give every voter on the roll without a code its single-use code (only the hash is
    stored; `voter_code` derives the code again for printing). Returns how many were issued."""
    require(can_run_ballots, user=by, organisation=ballot.organisation)
    pending = list(
        Voter.objects.filter(ballot=ballot, code_hash__isnull=True).values_list("pk", "salt")
    )
    if not pending:
        return 0
    ids = [pk for pk, _salt in pending]
    hashes = [hash_code(voter_code(ballot.pk, salt)) for _pk, salt in pending]
    if connection.vendor == "postgresql":
        table = connection.ops.quote_name(Voter._meta.db_table)
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {table} AS v SET code_hash = x.h "  # noqa: S608
                "FROM unnest(%s::bigint[], %s::text[]) AS x(id, h) WHERE v.id = x.id",
                [ids, hashes],
            )
    else:
        voters = [Voter(pk=pk, code_hash=h) for pk, h in zip(ids, hashes, strict=True)]
        Voter.objects.bulk_update(voters, ["code_hash"], batch_size=500)
    return len(pending)


def code_for(voter: Voter) -> str:
    """The voter's code, derived again (to print a paper ballot)."""
    return voter_code(voter.ballot_id, voter.salt)

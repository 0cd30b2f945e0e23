"""PostgreSQL is asked not to compile queries just in time, and to plan for solid-state storage
(see settings.py): compiling cost seconds on pages whose queries run in milliseconds, and the
default cost of a random read chose whole-table scans over a small organisation's rows."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
def test_postgresql_compiles_no_query_just_in_time():
    with connection.cursor() as cursor:
        cursor.execute("SHOW jit")
        assert cursor.fetchone()[0] == "off"


@pytest.mark.skipif(connection.vendor != "postgresql", reason="a PostgreSQL setting")
def test_postgresql_plans_for_solid_state_storage():
    """A random read costs little more than a sequential one (PG_RANDOM_PAGE_COST, 1.1)."""
    with connection.cursor() as cursor:
        cursor.execute("SHOW random_page_cost")
        assert float(cursor.fetchone()[0]) == 1.1

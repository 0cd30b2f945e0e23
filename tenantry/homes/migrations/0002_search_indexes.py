"""Indexes for staff search (`tenantry/records/search.py`), on PostgreSQL only.

Each is on the very expression the search compares, so the comparison is answered from it:
references and postcodes from their start (`LIKE 'NB12%'`, a B-tree with `text_pattern_ops`,
within the landlord), addresses and residents' names anywhere in the text (`LIKE '%MILL%'`,
a trigram GIN index from `pg_trgm`). SQLite has neither `pg_trgm` nor GIN: there the search
reads the table, and these operations do nothing. The indexes are not declared on the models
for the same reason (SQLite rebuilds a table with its declared indexes when it alters it).
"""

from django.contrib.postgres.operations import TrigramExtension
from django.db import migrations

INDEXES = {
    "homes_home_reference_search": (
        "homes_home (landlord_id, UPPER(reference) text_pattern_ops)"
    ),
    "homes_home_postcode_search": (
        "homes_home (landlord_id, REPLACE(UPPER(postcode), ' ', '') text_pattern_ops)"
    ),
    "homes_home_address_trgm": "homes_home USING gin (UPPER(address) gin_trgm_ops)",
    "homes_resident_name_trgm": "homes_resident USING gin (UPPER(name) gin_trgm_ops)",
}


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name, on in INDEXES.items():
            schema_editor.execute(f"CREATE INDEX IF NOT EXISTS {name} ON {on}")


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for name in INDEXES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {name}")


class Migration(migrations.Migration):
    dependencies = [("homes", "0001_initial")]

    operations = [
        TrigramExtension(),  # does nothing on other databases
        migrations.RunPython(create, drop, elidable=False),
    ]

"""Indexes for staff search (`records/search.py`): a record's reference from its start, within
its organisation, on PostgreSQL only (see `homes.0002_search_indexes`); and repairs latest first
within an organisation, on every database, so the latest repairs at a street's hundreds of homes
are read without sorting every repair to them (the repairs list reads it too).
"""

from django.db import migrations, models

TABLES = ("services_repair", "services_complaint", "services_asbcase", "services_void")


def create(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(
                f"CREATE INDEX IF NOT EXISTS {table}_reference_search"
                f" ON {table} (organisation_id, UPPER(reference) text_pattern_ops)"
            )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        for table in TABLES:
            schema_editor.execute(f"DROP INDEX IF EXISTS {table}_reference_search")


class Migration(migrations.Migration):
    dependencies = [("homes", "0002_search_indexes"), ("services", "0006_repair_hazard_dates_reason")]

    operations = [
        migrations.RunPython(create, drop, elidable=False),
        migrations.AddIndex(
            model_name="repair",
            index=models.Index(
                fields=["organisation", "reported_at"], name="services_re_organis_7898dc_idx"
            ),
        ),
    ]

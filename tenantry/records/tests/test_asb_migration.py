"""The migration that keeps reports apart from cases gives every existing case its one report."""

from datetime import date

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("services", "0007_search_indexes")]
AFTER = [("services", "0008_asb_reports")]


@pytest.mark.django_db(transaction=True)
def test_each_existing_case_gets_one_report_made_from_it(cast):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    OldCase = old.get_model("services", "AsbCase")
    OldCase.objects.create(
        organisation_id=cast.tmo.pk, reference="A1", home_id=cast.home.pk,
        estate_id=cast.estate.pk, category="noise", is_hate_incident=True,
        opened_on=date(2025, 6, 2), closed_on=date(2025, 7, 1),
    )  # fmt: skip
    OldCase.objects.create(
        organisation_id=cast.tmo.pk, reference="A2", estate_id=cast.estate.pk,
        category="drugs", opened_on=date(2025, 8, 9),
    )  # fmt: skip

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps
    Report = new.get_model("services", "AsbReport")

    made = {r.reference: r for r in Report.objects.select_related("case")}
    assert set(made) == {"A1", "A2"}
    a1, a2 = made["A1"], made["A2"]
    assert (a1.case.reference, a1.home_id, a1.estate_id, a1.category) == (
        "A1",
        cast.home.pk,
        cast.estate.pk,
        "noise",
    )
    assert (a1.received_on, a1.is_hate_incident, a1.channel) == (date(2025, 6, 2), True, "other")
    assert (a2.case.reference, a2.home_id, a2.received_on) == ("A2", None, date(2025, 8, 9))

    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(executor.loader.graph.leaf_nodes())

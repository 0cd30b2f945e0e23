"""Responses and answers take random keys; anonymous ones already made are renumbered, so their
keys no longer give the order in which they were sent."""

from django.db import migrations, models

import tenantry.surveys.models


def _new_keys(old: list[int], taken: set[int]) -> list[tuple[int, int]]:
    """(old, new) for each old key: new keys drawn at random, distinct, and none already used."""
    draw = tenantry.surveys.models.random_key
    pairs = []
    for key in old:
        new = draw()
        while new in taken:
            new = draw()
        taken.add(new)
        pairs.append((key, new))
    return pairs


def _renumber(cursor, table: str, column: str, pairs: list[tuple[int, int]]) -> None:
    """Set `column` of `table` from old to new through a temporary table of the pairs: a few
    statements whatever the number of rows (a landlord's survey has hundreds of thousands)."""
    cursor.execute("DELETE FROM surveys_key_map")
    for start in range(0, len(pairs), 5000):
        cursor.executemany(
            "INSERT INTO surveys_key_map (old, new) VALUES (%s, %s)", pairs[start : start + 5000]
        )
    cursor.execute(
        f"UPDATE {table} SET {column} = (SELECT new FROM surveys_key_map WHERE old = {column}) "
        f"WHERE {column} IN (SELECT old FROM surveys_key_map)"
    )


def renumber_anonymous(apps, schema_editor):
    Response = apps.get_model("surveys", "Response")
    Answer = apps.get_model("surveys", "Answer")
    anonymous = Response.objects.filter(survey__anonymity="anonymous")
    responses = list(anonymous.values_list("id", flat=True))
    if not responses:
        return
    answers = list(Answer.objects.filter(response__in=anonymous).values_list("id", flat=True))
    response_keys = _new_keys(responses, set(Response.objects.values_list("id", flat=True)))
    answer_keys = _new_keys(answers, set(Answer.objects.values_list("id", flat=True)))
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "CREATE TEMPORARY TABLE surveys_key_map (old bigint PRIMARY KEY, new bigint)"
        )
        # Foreign keys are checked at commit (deferred), so the answers can move first.
        _renumber(cursor, "surveys_answer", "response_id", response_keys)
        _renumber(cursor, "surveys_response", "id", response_keys)
        _renumber(cursor, "surveys_answer", "id", answer_keys)
        cursor.execute("DROP TABLE surveys_key_map")


class Migration(migrations.Migration):

    dependencies = [
        ('surveys', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='answer',
            name='id',
            field=models.BigIntegerField(default=tenantry.surveys.models.random_key, editable=False, primary_key=True, serialize=False),
        ),
        migrations.AlterField(
            model_name='response',
            name='id',
            field=models.BigIntegerField(default=tenantry.surveys.models.random_key, editable=False, primary_key=True, serialize=False),
        ),
        migrations.RunPython(renumber_anonymous, migrations.RunPython.noop),
    ]

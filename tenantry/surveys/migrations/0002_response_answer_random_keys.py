"""Responses and answers take random keys; anonymous ones already made are renumbered, so their
keys no longer give the order in which they were sent."""

from django.db import migrations, models

import tenantry.surveys.models


def renumber_anonymous(apps, schema_editor):
    Response = apps.get_model("surveys", "Response")
    Answer = apps.get_model("surveys", "Answer")
    draw = tenantry.surveys.models.random_key
    anonymous = Response.objects.filter(survey__anonymity="anonymous")
    for old in list(anonymous.values_list("pk", flat=True)):
        new = draw()
        # Foreign keys are checked at commit (deferred), so the answers can move first.
        Answer.objects.filter(response_id=old).update(response_id=new)
        Response.objects.filter(pk=old).update(pk=new)
    for old in list(Answer.objects.filter(response__in=anonymous).values_list("pk", flat=True)):
        Answer.objects.filter(pk=old).update(pk=draw())


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

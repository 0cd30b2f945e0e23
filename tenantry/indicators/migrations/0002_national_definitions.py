from django.db import migrations


def load(apps, schema_editor):
    from tenantry.indicators.definitions import sync_definitions

    sync_definitions(apps.get_model("indicators", "Indicator"))


class Migration(migrations.Migration):
    dependencies = [("indicators", "0001_initial")]

    operations = [migrations.RunPython(load, migrations.RunPython.noop)]

from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("reports", "0002_newsletters"),
    ]

    operations = [
        migrations.AddField(
            model_name="publicpage",
            name="introduction",
            field=models.TextField(blank=True, verbose_name="Who we are and what we do"),
        ),
        migrations.AddField(
            model_name="publicpage",
            name="how_to_join",
            field=models.TextField(blank=True, verbose_name="How to join"),
        ),
        migrations.AddField(
            model_name="publicpage",
            name="how_to_complain",
            field=models.TextField(blank=True, verbose_name="How to complain"),
        ),
        migrations.AddField(
            model_name="publicpage",
            name="contact_email",
            field=models.EmailField(blank=True, max_length=254, verbose_name="Contact email"),
        ),
        migrations.AddField(
            model_name="publicpage",
            name="contact_phone",
            field=models.CharField(blank=True, max_length=30, verbose_name="Contact phone number"),
        ),
        migrations.AddField(
            model_name="publicpage",
            name="contact_address",
            field=models.TextField(blank=True, verbose_name="Office address"),
        ),
        migrations.AddField(
            model_name="publicpage",
            name="show_contact",
            field=models.BooleanField(default=False, verbose_name="Show the contact details"),
        ),
    ]

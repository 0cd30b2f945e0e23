"""Indexes for the lists of records: each kind in its list order within an organisation (its
date, latest first; safety checks by due date), which a period filter reads too; and repairs
with an Awaab's Law hazard, few among many, latest first. With them a list reads its first page
and counts to `core.paging.CAP` from the index instead of sorting every record."""


from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('homes', '0002_search_indexes'),
        ('organisations', '0004_repair_triage_working_days'),
        ('services', '0010_importrun_heartbeat_stopped'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AddIndex(
            model_name='asbcase',
            index=models.Index(fields=['organisation', 'opened_on', 'id'], name='asb_case_list'),
        ),
        migrations.AddIndex(
            model_name='complaint',
            index=models.Index(fields=['organisation', 'received_on', 'id'], name='complaint_list'),
        ),
        migrations.AddIndex(
            model_name='decenthomesstatus',
            index=models.Index(fields=['organisation', 'since', 'id'], name='decent_homes_list'),
        ),
        migrations.AddIndex(
            model_name='estateinspection',
            index=models.Index(fields=['organisation', 'inspected_on', 'id'], name='estate_inspection_list'),
        ),
        migrations.AddIndex(
            model_name='rentperiod',
            index=models.Index(fields=['organisation', 'starts_on', 'id'], name='rent_period_list'),
        ),
        migrations.AddIndex(
            model_name='repair',
            index=models.Index(condition=models.Q(('hazard', ''), _negated=True), fields=['organisation', 'reported_at'], name='repair_hazards_latest'),
        ),
        migrations.AddIndex(
            model_name='safetycheck',
            index=models.Index(fields=['organisation', 'due_on', '-id'], name='safety_check_list'),
        ),
        migrations.AddIndex(
            model_name='repair',
            index=models.Index(condition=models.Q(('status', 'open')), fields=['organisation', 'due_at'], name='repair_open_by_due'),
        ),
        migrations.AddIndex(
            model_name='repair',
            index=models.Index(condition=models.Q(('block__isnull', False)), fields=['block'], name='repair_block'),
        ),
        migrations.AddIndex(
            model_name='safetycheck',
            index=models.Index(condition=models.Q(('done_on__isnull', True), ('outcome', 'no_access'), _connector='OR'), fields=['organisation', 'due_on', '-id'], name='safety_check_not_done'),
        ),
        migrations.AddIndex(
            model_name='void',
            index=models.Index(fields=['organisation', 'tenancy_ended_on', 'id'], name='void_list'),
        ),
    ]

"""Staff may opt in to a daily e-mail of what waits for them; the django-q2
schedule that sends it (made idempotently: running it again changes nothing)."""

from django.db import migrations, models

SCHEDULE_NAME = "Staff desk digest"
SCHEDULE_FUNC = "cms_pages.desk.send_digests"


def schedule(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.update_or_create(
        name=SCHEDULE_NAME,
        defaults={"func": SCHEDULE_FUNC, "schedule_type": "D", "repeats": -1},
    )


def unschedule(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name=SCHEDULE_NAME).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0004_outbox"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [
        migrations.AddField(
            model_name="user",
            name="desk_digest",
            field=models.BooleanField(
                default=False,
                help_text=(
                    "Staff: e-mail me once a day what is waiting for me in the admin "
                    "(the same as the dashboard shows)."
                ),
                verbose_name="daily digest of waiting work",
            ),
        ),
        migrations.RunPython(schedule, unschedule),
    ]

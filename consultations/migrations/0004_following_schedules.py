"""Schedule the followers' daily and weekly digests for the django-q2 worker."""

from django.db import migrations

SCHEDULES = [
    # (name, function, django-q2 schedule type: H hourly, D daily, W weekly)
    ("Announce closed consultations", "consultations.following.announce_closed_consultations", "H"),
    ("Followers' daily digest", "consultations.following.send_daily_digests", "D"),
    ("Followers' weekly digest", "consultations.following.send_weekly_digests", "W"),
]


def schedule(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    for name, func, schedule_type in SCHEDULES:
        Schedule.objects.update_or_create(
            name=name, defaults={"func": func, "schedule_type": schedule_type, "repeats": -1}
        )


def unschedule(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.filter(name__in=[name for name, _, _ in SCHEDULES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0003_following"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [migrations.RunPython(schedule, unschedule)]

"""Give the staff groups their consultation permissions, and schedule the
notification tasks for the django-q2 worker."""

from django.db import migrations

PERMISSIONS = {
    "Editors": [
        *[
            (model, f"{action}_{model}")
            for model in ("socialcontract", "priority", "sector")
            for action in ("add", "change", "delete")
        ],
        ("socialcontract", "finalise_socialcontract"),
        ("comment", "moderate_comment"),
    ],
    "Moderators": [("comment", "moderate_comment")],
    "Translators": [("priority", "change_priority"), ("sector", "change_sector")],
}

SCHEDULES = [
    # (name, function, minutes between runs)
    (
        "Announce opened consultations",
        "consultations.tasks.announce_opened_consultations",
        60,
    ),
    ("Moderators' digest of reported comments", "consultations.tasks.send_moderation_digest", 24 * 60),
]


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    for group_name, perms in PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for model, codename in perms:
            content_type, _ = ContentType.objects.get_or_create(
                app_label="consultations", model=model
            )
            perm, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=codename,
                defaults={"name": f"Can {codename.replace('_', ' ')}"},
            )
            group.permissions.add(perm)


def schedule(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    for name, func, minutes in SCHEDULES:
        Schedule.objects.update_or_create(
            name=name,
            defaults={"func": func, "schedule_type": "I", "minutes": minutes, "repeats": -1},
        )


def unschedule(apps, schema_editor):
    Schedule = apps.get_model("django_q", "Schedule")
    Schedule.objects.filter(name__in=[name for name, _, _ in SCHEDULES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("consultations", "0001_initial"),
        ("accounts", "0003_staff_groups"),
        ("django_q", "0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more"),
    ]

    operations = [
        migrations.RunPython(grant, migrations.RunPython.noop),
        migrations.RunPython(schedule, unschedule),
    ]

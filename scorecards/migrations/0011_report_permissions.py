"""Editors generate and see the programmes' annual reports."""

from django.db import migrations

PERMISSIONS = [("programmereport", "add_programmereport"), ("programmereport", "view_programmereport")]


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    group, _ = Group.objects.get_or_create(name="Editors")
    for model, codename in PERMISSIONS:
        content_type, _ = ContentType.objects.get_or_create(app_label="scorecards", model=model)
        perm, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=codename,
            defaults={"name": f"Can {codename.replace('_', ' ')}"},
        )
        group.permissions.add(perm)


class Migration(migrations.Migration):
    dependencies = [
        ("scorecards", "0010_programme_reports_contract_documents"),
        ("accounts", "0003_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

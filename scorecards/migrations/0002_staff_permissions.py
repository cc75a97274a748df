"""Give the staff groups their scorecard permissions: monitors draft
assessments (their own municipality's, enforced by `scorecards.rules`),
editors also publish them."""

from django.db import migrations

ASSESSMENT = [
    (model, f"{action}_{model}")
    for model in ("assessment", "assessmentsource", "assessmentdocument")
    for action in ("add", "change", "view")
]
PERMISSIONS = {
    "Monitors": ASSESSMENT,
    "Editors": [*ASSESSMENT, ("assessment", "publish_assessment")],
}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    for group_name, perms in PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for model, codename in perms:
            content_type, _ = ContentType.objects.get_or_create(
                app_label="scorecards", model=model
            )
            perm, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=codename,
                defaults={"name": f"Can {codename.replace('_', ' ')}"},
            )
            group.permissions.add(perm)


class Migration(migrations.Migration):
    dependencies = [
        ("scorecards", "0001_initial"),
        ("accounts", "0003_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

"""Give the staff groups their council-session permissions: monitors record
sessions and decisions (their own municipality's, enforced by
`scorecards.rules`), editors also publish them."""

from django.db import migrations

COUNCIL = [
    (model, f"{action}_{model}")
    for model in ("councilsession", "councilsessiondocument", "councildecision")
    for action in ("add", "change", "view")
] + [("assessmentdecision", f"{action}_assessmentdecision") for action in ("add", "change", "view")]
PERMISSIONS = {
    "Monitors": COUNCIL,
    "Editors": [
        *COUNCIL,
        ("councilsession", "delete_councilsession"),
        ("councilsession", "publish_councilsession"),
    ],
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
        ("scorecards", "0005_council_sessions"),
        ("accounts", "0003_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

"""Give the staff groups their forums permissions: editors manage parties and
candidacies and record signatures made at a forum; positions are the
candidates' own words, so editors only view them; endorsements are never
deleted, so nobody may."""

from django.db import migrations

PERMISSIONS = {
    "Editors": [
        ("party", "add_party"),
        ("party", "change_party"),
        ("party", "delete_party"),
        ("candidacy", "add_candidacy"),
        ("candidacy", "change_candidacy"),
        ("position", "view_position"),
        ("endorsement", "add_endorsement"),
        ("endorsement", "view_endorsement"),
    ],
    "Translators": [("party", "change_party")],
}


def grant(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    for group_name, perms in PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=group_name)
        for model, codename in perms:
            content_type, _ = ContentType.objects.get_or_create(app_label="forums", model=model)
            perm, _ = Permission.objects.get_or_create(
                content_type=content_type,
                codename=codename,
                defaults={"name": f"Can {codename.replace('_', ' ')}"},
            )
            group.permissions.add(perm)


class Migration(migrations.Migration):
    dependencies = [
        ("forums", "0001_initial"),
        ("accounts", "0003_staff_groups"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

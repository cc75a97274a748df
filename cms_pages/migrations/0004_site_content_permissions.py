"""Editors manage funders and footer texts; translators translate them."""

from django.db import migrations

PERMISSIONS = {
    "Editors": [f"{action}_{model}" for model in ("funder", "footertext") for action in ("add", "change", "delete")],
    "Translators": ["change_funder", "change_footertext"],
}


def grant(apps, schema_editor):
    from django.apps import apps as global_apps
    from django.contrib.auth.management import create_permissions

    # Permissions are normally made after migrate; these are needed now.
    create_permissions(global_apps.get_app_config("cms_pages"), verbosity=0, apps=apps)
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    for name, codenames in PERMISSIONS.items():
        group = Group.objects.filter(name=name).first()
        if group is not None:
            group.permissions.add(
                *Permission.objects.filter(content_type__app_label="cms_pages", codename__in=codenames)
            )


class Migration(migrations.Migration):
    dependencies = [
        ("cms_pages", "0003_editorial_pages"),
        ("accounts", "0003_staff_groups"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]

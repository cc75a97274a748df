"""The staff roles as Wagtail groups: Editors, Moderators, Translators,
Monitors. Later migrations add the permissions each app's records need."""

from django.db import migrations

ROLE_PERMISSIONS = {
    "Editors": [
        ("wagtailadmin", "admin", "access_admin"),
        ("wagtail_localize", "translation", "submit_translation"),
        ("cms_pages", "sitesettings", "change_sitesettings"),
        *[
            ("cms_pages", model, f"{action}_{model}")
            for model in ("municipality", "partnerorganisation", "election")
            for action in ("add", "change", "delete")
        ],
    ],
    "Moderators": [("wagtailadmin", "admin", "access_admin")],
    "Translators": [
        ("wagtailadmin", "admin", "access_admin"),
        ("wagtail_localize", "translation", "submit_translation"),
        *[
            ("cms_pages", model, f"change_{model}")
            for model in ("municipality", "partnerorganisation", "election")
        ],
    ],
    "Monitors": [("wagtailadmin", "admin", "access_admin")],
}
PAGE_PERMISSIONS = {
    "Editors": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
    "Moderators": [],
    "Translators": ["change_page"],
    "Monitors": [],
}
COLLECTION_PERMISSIONS = {
    "Editors": [
        ("cms_pages", "customimage", ["add", "change", "choose", "delete"]),
        ("wagtaildocs", "document", ["add", "change", "choose", "delete"]),
    ],
    "Moderators": [],
    "Translators": [
        ("cms_pages", "customimage", ["choose"]),
        ("wagtaildocs", "document", ["choose"]),
    ],
    "Monitors": [
        ("cms_pages", "customimage", ["add", "choose"]),
        ("wagtaildocs", "document", ["add", "choose"]),
    ],
}


def create_groups(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    Page = apps.get_model("wagtailcore.Page")
    Collection = apps.get_model("wagtailcore.Collection")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")

    def permission(app_label, model, codename):
        # Permissions of models created in this same migrate run do not exist
        # yet (Django adds them after migrate, and then finds these).
        content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
        perm, _ = Permission.objects.get_or_create(
            content_type=content_type,
            codename=codename,
            defaults={"name": f"Can {codename.replace('_', ' ')}"},
        )
        return perm

    root_page = Page.objects.get(depth=1)
    root_collection = Collection.objects.get(depth=1)
    for name, perms in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.set([permission(*spec) for spec in perms])
        # Wagtail's own migrations give its Moderators page publishing; ours
        # moderate comments and publish nothing.
        GroupPagePermission.objects.filter(group=group).exclude(
            permission__codename__in=PAGE_PERMISSIONS[name]
        ).delete()
        for codename in PAGE_PERMISSIONS[name]:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root_page, permission=permission("wagtailcore", "page", codename)
            )
        GroupCollectionPermission.objects.filter(group=group).delete()
        for app_label, model, actions in COLLECTION_PERMISSIONS[name]:
            for action in actions:
                GroupCollectionPermission.objects.get_or_create(
                    group=group,
                    collection=root_collection,
                    permission=permission(app_label, model, f"{action}_{model}"),
                )


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_initial"),
        ("cms_pages", "0002_site_tree"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtaildocs", "0014_alter_document_file_size"),
        ("wagtailimages", "0027_image_description"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(create_groups, migrations.RunPython.noop)]

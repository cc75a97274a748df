"""Both languages and the home page: Albanian (the default, created by Wagtail
from LANGUAGE_CODE) and English, synchronised from Albanian by
wagtail-localize; the home page replaces Wagtail's welcome page. The English
alias of the home page is made after migrate (cms_pages.locales)."""

from django.db import migrations


def create_site_tree(apps, schema_editor):
    ContentType = apps.get_model("contenttypes.ContentType")
    Locale = apps.get_model("wagtailcore.Locale")
    Page = apps.get_model("wagtailcore.Page")
    Site = apps.get_model("wagtailcore.Site")
    HomePage = apps.get_model("cms_pages.HomePage")
    LocaleSynchronization = apps.get_model("wagtail_localize.LocaleSynchronization")

    albanian, _ = Locale.objects.get_or_create(language_code="sq")
    english, _ = Locale.objects.get_or_create(language_code="en")
    LocaleSynchronization.objects.get_or_create(locale=english, defaults={"sync_from": albanian})

    if HomePage.objects.exists():
        return
    # Wagtail's welcome page, if it is still there, gives way to ours.
    Page.objects.filter(depth=2, content_type__app_label="wagtailcore", content_type__model="page").delete()
    root = Page.objects.get(depth=1)
    content_type, _ = ContentType.objects.get_or_create(app_label="cms_pages", model="homepage")
    last = Page.objects.filter(depth=2).order_by("-path").first()
    position = int(last.path[4:8]) + 1 if last else 1
    home = HomePage.objects.create(
        title="Rrjeti POP",
        draft_title="Rrjeti POP",
        slug="home",
        content_type=content_type,
        path=f"{root.path}{position:04d}",
        depth=2,
        numchild=0,
        url_path="/home/",
        locale=albanian,
        live=True,
        lead="Qytetarët vendosin, kandidatët zotohen, rrjeti monitoron.",
    )
    root.numchild = Page.objects.filter(depth=2).count()
    root.save(update_fields=["numchild"])
    Site.objects.update_or_create(
        is_default_site=True,
        defaults={"hostname": "localhost", "port": 80, "root_page": home, "site_name": "Rrjeti POP"},
    )


class Migration(migrations.Migration):
    dependencies = [
        ("cms_pages", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtail_localize", "0016_rename_page_revision_translationlog_revision"),
    ]

    operations = [migrations.RunPython(create_site_tree, migrations.RunPython.noop)]

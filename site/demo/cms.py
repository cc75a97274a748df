"""The site's editorial pages, from the texts in `content/cms.toml`: the POP
method, the six programme years and their objectives, partners, news,
contact, terms and privacy, the funders, the footer and the site settings,
in Albanian with real English translations.

What the pages say lives in that file; this module only knows how to make
the pages from it. Pages and rows that exist are left as they are, so running
the command again changes nothing.
"""

import datetime

from django.db import transaction

from wagtail.actions.convert_alias import ConvertAliasPageAction
from wagtail.models import Locale, Site
from wagtail.rich_text import RichText

from cms_pages.models import (
    ContactPage,
    FooterText,
    FormField,
    Funder,
    HomePage,
    Municipality,
    NewsIndexPage,
    NewsPage,
    PartnersPage,
    ProgrammeIndexPage,
    ProgrammePage,
    SiteSettings,
    StandardPage,
)

from .content import html, lines, paragraphs, read, text
from .images import generated_image
from .reference import translate


def content():
    return read("cms")


def rich_paragraphs(value):
    """A StreamField paragraph block holding each paragraph of `value`."""
    return [("paragraph", RichText(html(value)))]


def body(blocks):
    """A page body from its content: headings, paragraphs and quotes."""
    stream = []
    for block in blocks:
        if "heading" in block:
            stream.append(("heading", {"text": text(block["heading"]), "level": "h2"}))
        elif "paragraphs" in block:
            stream.extend(rich_paragraphs(block["paragraphs"]))
        else:
            quote = {"text": text(block["quote"]), "attribution": text(block["attribution"])}
            stream.append(("quote", quote))
    return stream


def objectives(value):
    return [
        ("objective", {"code": f"SO{number}", "text": item})
        for number, item in enumerate(paragraphs(value), 1)
    ]


def places(value, municipalities):
    """The municipalities named by slug, or by a group of `[municipalities]`."""
    slugs = content()["municipalities"][value] if isinstance(value, str) else value
    return [municipalities[slug] for slug in slugs]


def child(parent, slug):
    page = parent.get_children().filter(slug=slug).first()
    return page.specific if page else None


def ensure_page(parent, model, slug, **fields):
    """The child of `parent` called `slug`, created and published if missing."""
    existing = child(parent, slug)
    if existing is not None:
        return existing, False
    page = model(slug=slug, locale_id=parent.locale_id)
    for name, value in fields.items():
        setattr(page, name, value)
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page, True


def ensure_translation(page, locale, **fields):
    """The real (not alias) `locale` translation of `page`, made if missing."""
    translation = page.get_translation_or_none(locale)
    if translation is not None and translation.alias_of_id is None:
        return translation.specific
    if translation is None:
        translation = page.copy_for_translation(locale)
    else:
        ConvertAliasPageAction(translation).execute(skip_permission_checks=True)
    translation = translation.specific
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation


def ensure_index(home, en, model, texts):
    """A page under the home page with a title and an intro, and its English
    translation."""
    index, _ = ensure_page(
        home,
        model,
        texts["slug"],
        title=text(texts["sq"]["title"]),
        show_in_menus=texts["show_in_menus"],
        intro=text(texts["sq"]["intro"]),
    )
    english = texts["en"]
    ensure_translation(
        index, en, title=text(english["title"]), slug=english["slug"], intro=text(english["intro"])
    )
    return index


def load_funders(sq, en):
    funders = {}
    for entry in content()["funders"]:
        name = text(entry["name"])
        initials = "".join(word[0] for word in name.split() if word[0].isupper())
        funder, _ = Funder.objects.get_or_create(
            name=name,
            locale=sq,
            defaults={
                "support_line": text(entry["support_line"]["sq"]),
                "logo": generated_image(
                    f"Logo: {name}", initials, tuple(entry["logo_colour"]), size=(360, 120)
                ),
            },
        )
        translate(funder, en, support_line=text(entry["support_line"]["en"]))
        funders[name] = funder
    return funders


def load_home(sq, en):
    texts = content()["home"]
    home = HomePage.objects.get(locale=sq, depth=2)
    if home.image_id is None:
        image = texts["image"]
        home.image = generated_image(image["title"], image["label"], tuple(image["colour"]))
        home.lead = text(texts["lead"]["sq"])
        home.save_revision().publish()
    home_en = ensure_translation(home, en, lead=text(texts["lead"]["en"]))
    return home, home_en


def load_programmes(home, en, municipalities, funders, log):
    index = ensure_index(home, en, ProgrammeIndexPage, content()["programmes"])
    programmes = content()["programme"]
    for programme in programmes:
        start, end = programme["years"]
        short_name = text(programme["short_name"])
        text_sq, text_en = programme["sq"], programme["en"]
        page, _ = ensure_page(
            index,
            ProgrammePage,
            programme["slug"],
            title=text(text_sq["title"]),
            short_name=short_name,
            start_date=datetime.date(start, 1, 1),
            end_date=datetime.date(end, 12, 31),
            intro=text(text_sq["intro"]),
            image=generated_image(
                f"Programi {short_name}", short_name, tuple(programme["image_colour"])
            ),
            overall_objective=text(text_sq["overall_objective"]),
            objectives=objectives(text_sq["objectives"]),
            target_groups=lines(text_sq["target_groups"]),
            municipalities=places(programme["municipalities"], municipalities),
            funders=[funders[name] for name in programme["funders"]],
            search_description=text(text_sq["intro"])[:255],
        )
        ensure_translation(
            page,
            en,
            title=text(text_en["title"]),
            slug=text_en["slug"],
            short_name=text(text_en.get("short_name", short_name)),
            intro=text(text_en["intro"]),
            overall_objective=text(text_en["overall_objective"]),
            objectives=objectives(text_en["objectives"]),
            target_groups=lines(text_en["target_groups"]),
            search_description=text(text_en["intro"])[:255],
        )
    log(f"{len(programmes)} programme pages, in Albanian and English")


def load_news(home, en, municipalities, log):
    index = ensure_index(home, en, NewsIndexPage, content()["news"])
    items = content()["news_item"]
    for number, item in enumerate(items):
        date, text_sq, text_en = item["date"], item["sq"], item["en"]
        page, created = ensure_page(
            index,
            NewsPage,
            item["slug"],
            title=text(text_sq["title"]),
            date=date,
            lead=text(text_sq["lead"]),
            body=rich_paragraphs(text_sq["body"]),
            image=generated_image(f"Lajm {number + 1}", date.strftime("%d.%m.%Y"), (23, 64, 122)),
            municipalities=places(item["municipalities"], municipalities),
        )
        if created:
            page.tags.add(*item["tags"])
            page.save_revision().publish()
        ensure_translation(
            page,
            en,
            title=text(text_en["title"]),
            slug=text_en["slug"],
            lead=text(text_en["lead"]),
            body=rich_paragraphs(text_en["body"]),
        )
    log(f"{len(items)} news items, in Albanian and English")


def load_standard(home, en, texts):
    page, _ = ensure_page(
        home,
        StandardPage,
        texts["slug"],
        title=text(texts["sq"]["title"]),
        intro=text(texts["sq"]["intro"]),
        body=body(texts["sq"]["body"]),
        show_in_menus=texts["show_in_menus"],
    )
    english = texts["en"]
    ensure_translation(
        page,
        en,
        title=text(english["title"]),
        slug=english["slug"],
        intro=text(english["intro"]),
        body=body(english["body"]),
    )
    return page


def load_contact(home, en):
    texts = content()["contact"]
    albanian, english = texts["sq"], texts["en"]
    page = child(home, texts["slug"])
    if page is None:
        page = ContactPage(
            slug=texts["slug"],
            locale_id=home.locale_id,
            title=text(albanian["title"]),
            show_in_menus=texts["show_in_menus"],
            intro=text(albanian["intro"]),
            thank_you_text=text(albanian["thank_you_text"]),
            to_address=texts["to_address"],
            subject=text(albanian["subject"]),
        )
        page.form_fields = [
            FormField(
                label=text(field["label"]["sq"]),
                field_type=field["type"],
                required=field["required"],
                clean_name=field["name"],
                locale_id=home.locale_id,
                sort_order=order,
            )
            for order, field in enumerate(texts["fields"])
        ]
        home.add_child(instance=page)
        page.save_revision().publish()
    if page.get_translation_or_none(en) is None or page.get_translation(en).alias_of_id:
        translation = ensure_translation(
            page,
            en,
            title=text(english["title"]),
            slug=english["slug"],
            intro=text(english["intro"]),
            thank_you_text=text(english["thank_you_text"]),
            subject=text(english["subject"]),
        )
        labels = {field["name"]: text(field["label"]["en"]) for field in texts["fields"]}
        for field in translation.form_fields.all():
            field.label = labels.get(field.clean_name, field.label)
            field.save()
        translation.save_revision().publish()


def load_settings(home, sq, en, funders, terms, privacy):
    footer_texts = content()["footer"]
    texts = content()["settings"]
    site = Site.objects.get(root_page=home)
    settings = SiteSettings.for_site(site)
    footer = FooterText.objects.filter(locale=sq).first()
    if footer is None:
        footer = FooterText.objects.create(locale=sq, body=text(footer_texts["sq"]))
    translate(footer, en, body=text(footer_texts["en"]))
    changed = False
    defaults = {
        "terms_page": terms,
        "privacy_page": privacy,
        "footer_text": footer,
        "contact_address": lines(texts["contact_address"]),
        "contact_email": texts["contact_email"],
    }
    for name, value in defaults.items():
        if not getattr(settings, name):
            setattr(settings, name, value)
            changed = True
    if not settings.funders.raw_data:
        settings.funders = [("funder", funder) for funder in funders.values()]
        settings.social_links = [("link", dict(link)) for link in texts["social_links"]]
        changed = True
    if changed:
        settings.save()


def load(log, municipalities):
    sq = Locale.objects.get(language_code="sq")
    en = Locale.objects.get(language_code="en")
    municipalities = municipalities or {m.slug: m for m in Municipality.objects.source()}
    pages = content()
    with transaction.atomic():
        funders = load_funders(sq, en)
        home, _home_en = load_home(sq, en)
        load_standard(home, en, pages["about"])
        load_programmes(home, en, municipalities, funders, log)
        load_news(home, en, municipalities, log)
        ensure_index(home, en, PartnersPage, pages["partners"])
        load_contact(home, en)
        terms = load_standard(home, en, pages["terms"])
        privacy = load_standard(home, en, pages["privacy"])
        load_settings(home, sq, en, funders, terms, privacy)
    log("Pages: home, about, programmes, news, partners, contact, terms and privacy")

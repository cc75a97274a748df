"""The network's reference data: municipalities, partner organisations and
elections, in Albanian with English translations, from
`content/reference.toml`."""

import io

from PIL import Image as PILImage
from PIL import ImageDraw

from django.core.files.images import ImageFile

from wagtail.models import Locale

from cms_pages.models import CustomImage, Election, Municipality, PartnerOrganisation

from .content import read, text


def content():
    return read("reference")


def translate(obj, locale, **fields):
    """The `locale` translation of `obj`, created with `fields` if missing;
    an existing one is left as translators made it."""
    translation = obj.get_translation_or_none(locale)
    if translation is not None:
        return translation
    translation = obj.copy_for_translation(locale)
    for name, value in fields.items():
        setattr(translation, name, value)
    translation.save()
    return translation


def logo_for(name):
    """A generated logo (initials on a coloured square): nothing is downloaded."""
    title = f"Logo: {name}"
    existing = CustomImage.objects.filter(title=title).first()
    if existing:
        return existing
    initials = "".join(word[0] for word in name.replace("“", "").split() if word[0].isupper())[:3]
    canvas = PILImage.new("RGB", (240, 240), (23, 64, 122))
    draw = ImageDraw.Draw(canvas)
    draw.text((120, 120), initials, fill=(255, 255, 255), anchor="mm", font_size=84)
    buffer = io.BytesIO()
    canvas.save(buffer, format="PNG")
    return CustomImage.objects.create(
        title=title, file=ImageFile(buffer, name=f"logo-{initials.lower()}.png")
    )


def load(log):
    albanian = Locale.objects.get(language_code="sq")
    english = Locale.objects.get(language_code="en")

    texts = content()
    municipalities = {}
    for entry in texts["municipality"]:
        slug = entry["slug"]
        municipality, _ = Municipality.objects.get_or_create(
            slug=slug, locale=albanian, defaults={"name": text(entry["name"]["sq"])}
        )
        translate(municipality, english, name=text(entry["name"]["en"]))
        municipalities[slug] = municipality
    log(f"{len(municipalities)} municipalities, in Albanian and English")

    for entry in texts["partner"]:
        name_sq = text(entry["name"]["sq"])
        municipality = municipalities[entry["municipality"]]
        partner, _ = PartnerOrganisation.objects.get_or_create(
            name=name_sq,
            locale=albanian,
            defaults={
                "municipality": municipality,
                "short_description": text(entry["short_description"]["sq"]),
                "logo": logo_for(name_sq),
            },
        )
        translate(
            partner,
            english,
            name=text(entry["name"]["en"]),
            short_description=text(entry["short_description"]["en"]),
            municipality=municipality,
            logo=partner.logo,
        )
    log(f"{len(texts['partner'])} partner organisations, with generated logos")

    for entry in texts["election"]:
        election, _ = Election.objects.get_or_create(
            date=entry["date"], locale=albanian, defaults={"name": text(entry["name"]["sq"])}
        )
        translate(election, english, name=text(entry["name"]["en"]))
    log(f"{len(texts['election'])} local elections")
    return municipalities

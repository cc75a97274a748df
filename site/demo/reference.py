"""The network's reference data: municipalities, partner organisations and
elections, in Albanian with English translations (facts from the network's
own programme descriptions)."""

import datetime
import io

from PIL import Image as PILImage
from PIL import ImageDraw

from django.core.files.images import ImageFile

from wagtail.models import Locale

from cms_pages.models import CustomImage, Election, Municipality, PartnerOrganisation

# (slug, Albanian name, English name)
MUNICIPALITIES = [
    ("tirane", "Tiranë", "Tirana"),
    ("kamez", "Kamëz", "Kamza"),
    ("durres", "Durrës", "Durrës"),
    ("fier", "Fier", "Fier"),
    ("vlore", "Vlorë", "Vlora"),
    ("shkoder", "Shkodër", "Shkodra"),
    ("kukes", "Kukës", "Kukës"),
    ("puke", "Pukë", "Puka"),
    ("pogradec", "Pogradec", "Pogradec"),
    ("elbasan", "Elbasan", "Elbasan"),
    ("korce", "Korçë", "Korça"),
    ("vau-i-dejes", "Vau i Dejës", "Vau i Dejës"),
]

# (municipality slug, Albanian name, English name, Albanian and English description)
PARTNERS = [
    (
        "tirane",
        "Qendra “Aleanca Gjinore për Zhvillim”",
        "Gender Alliance for Development Centre",
        "Punon për barazinë gjinore dhe pjesëmarrjen e grave në jetën publike të Tiranës.",
        "Works for gender equality and women's part in the public life of Tirana.",
    ),
    (
        "durres",
        "Qendra për Zhvillimin e Shoqërisë Civile",
        "Civil Society Development Centre",
        "Forcon organizatat e shoqërisë civile dhe dialogun e tyre me bashkinë e Durrësit.",
        "Strengthens civil-society groups and their dialogue with the municipality of Durrës.",
    ),
    (
        "vlore",
        "Qendra Rinore Vlorë",
        "Vlora Youth Centre",
        "Fton të rinjtë e Vlorës të marrin pjesë në vendimet që u përkasin.",
        "Brings the young people of Vlora into the decisions that concern them.",
    ),
    (
        "kamez",
        "Shoqata për Integrimin e Zonave Informale",
        "Association for the Integration of Informal Areas",
        "Mbështet banorët e zonave informale të Kamzës për shërbime dhe të drejta të barabarta.",
        "Supports Kamza's informal settlements in claiming equal services and rights.",
    ),
    (
        "fier",
        "Epoka e Re",
        "New Epoch",
        "Organizatë qytetare në Fier që ndjek nga afër punën e pushtetit vendor.",
        "A citizens' organisation in Fier that follows the work of local government closely.",
    ),
    (
        "shkoder",
        "Intelektualët e Rinj Shpresë",
        "Young Intellectuals Hope",
        "Angazhon të rinjtë e Shkodrës në vullnetarizëm, debat publik dhe llogaridhënie.",
        "Engages Shkodra's young people in volunteering, public debate and accountability.",
    ),
    (
        "puke",
        "Lëvizja Rinore për Demokraci",
        "Youth Movement for Democracy",
        "Zë i të rinjve në Pukë për një qeverisje vendore më të hapur.",
        "A voice for young people in Puka calling for more open local government.",
    ),
    (
        "kukes",
        "Qendra Rinore për Progres",
        "Youth Centre for Progress",
        "Nxit pjesëmarrjen qytetare dhe zhvillimin e komunitetit në Kukës.",
        "Encourages civic participation and community development in Kukës.",
    ),
    (
        "pogradec",
        "Rinia për Integrim, Aktivizim dhe Sensibilizim",
        "Youth for Integration, Activation and Awareness",
        "Aktivizon të rinjtë e Pogradecit për çështjet e komunitetit dhe të mjedisit.",
        "Mobilises Pogradec's young people on community and environmental issues.",
    ),
]

# (Albanian name, English name, date)
ELECTIONS = [
    ("Zgjedhjet vendore 2019", "Local elections 2019", datetime.date(2019, 6, 30)),
    ("Zgjedhjet vendore 2023", "Local elections 2023", datetime.date(2023, 5, 14)),
]


def translate(obj, locale, **fields):
    """The `locale` translation of `obj`, created or updated with `fields`."""
    translation = obj.get_translation_or_none(locale)
    if translation is None:
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

    municipalities = {}
    for slug, name_sq, name_en in MUNICIPALITIES:
        municipality, _ = Municipality.objects.update_or_create(
            slug=slug, locale=albanian, defaults={"name": name_sq}
        )
        translate(municipality, english, name=name_en)
        municipalities[slug] = municipality
    log(f"{len(municipalities)} municipalities, in Albanian and English")

    for slug, name_sq, name_en, about_sq, about_en in PARTNERS:
        partner, _ = PartnerOrganisation.objects.update_or_create(
            name=name_sq,
            locale=albanian,
            defaults={
                "municipality": municipalities[slug],
                "short_description": about_sq,
                "logo": logo_for(name_sq),
            },
        )
        translate(
            partner,
            english,
            name=name_en,
            short_description=about_en,
            municipality=municipalities[slug],
            logo=partner.logo,
        )
    log(f"{len(PARTNERS)} partner organisations, with generated logos")

    for name_sq, name_en, date in ELECTIONS:
        election, _ = Election.objects.update_or_create(
            date=date, locale=albanian, defaults={"name": name_sq}
        )
        translate(election, english, name=name_en)
    log(f"{len(ELECTIONS)} local elections")
    return municipalities

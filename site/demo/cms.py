"""The site's editorial content in Albanian with real English translations:
the POP method, the six programme years and their objectives, partners,
news, contact, terms and privacy, the funders and the footer.

Written in our own words from the facts in the network's programme
descriptions. Pages that exist are left as they are, so running the
command again changes nothing.
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

from .images import generated_image
from .reference import translate

FIRST_NINE = ["tirane", "kamez", "durres", "fier", "vlore", "shkoder", "kukes", "puke", "pogradec"]
ALL_TWELVE = [*FIRST_NINE, "elbasan", "korce", "vau-i-dejes"]

OPC = "Olof Palme International Center"
NED = "National Endowment for Democracy"

# (name, Albanian support line, English support line, logo colour)
FUNDERS = [
    (
        OPC,
        "me fonde të Qeverisë Suedeze",
        "with funds from the Swedish Government",
        (0, 84, 147),
    ),
    (NED, "", "", (40, 40, 40)),
]


def paragraphs(*texts):
    return [("paragraph", RichText("".join(f"<p>{text}</p>" for text in texts)))]


def heading(text):
    return ("heading", {"text": text, "level": "h2"})


def objectives(*items):
    return [
        ("objective", {"code": f"SO{number}", "text": text}) for number, text in enumerate(items, 1)
    ]


# Each programme: slug, en slug, short name, years, municipalities, funders,
# then per language: title, intro, overall objective, objectives, target groups.
PROGRAMMES = [
    {
        "slug": "pop-2019",
        "slug_en": "pop-2019",
        "short_name": "POP 2019",
        "years": (2019, 2019),
        "municipalities": FIRST_NINE,
        "funders": [OPC],
        "sq": {
            "title": "POP 2019 – Përballja e Ofertave Politike",
            "intro": (
                "Para zgjedhjeve vendore të 30 qershorit 2019, nëntë organizata të shoqërisë "
                "civile i vunë përballë njëra-tjetrës ofertat e kandidatëve për kryetarë bashkie "
                "dhe i kthyen ato drejt asaj që qytetarët kishin vërtet nevojë."
            ),
            "overall": (
                "Më shumë debat publik dhe informacion për qytetarët mbi platformat zgjedhore, "
                "dhe platforma që u përgjigjen nevojave dhe prioriteteve të komunitetit."
            ),
            "objectives": [
                "Dialog mes zgjedhësve dhe kandidatëve, ku kandidatët ftohen të nënshkruajnë "
                "Kontratën Sociale me qytetarët e bashkisë së tyre.",
                "Avokim që kontrata të mos mbetet letër, por një angazhim i përditshëm i "
                "kryetarëve të rinj.",
                "Informim i qytetarëve në mediat sociale për premtimet e kandidatëve dhe "
                "punën për t'i mbajtur ato.",
                "Më shumë transparencë dhe llogaridhënie si gjatë fushatës, ashtu edhe gjatë "
                "mandatit.",
            ],
            "groups": "Qytetarët e nëntë bashkive\nKandidatët për kryetarë dhe partitë e tyre\n"
            "Media vendore",
        },
        "en": {
            "title": "POP 2019 – Juxtaposing Political Offers",
            "intro": (
                "Before the local elections of 30 June 2019, nine civil-society organisations "
                "set the offers of mayoral candidates side by side and steered them towards "
                "what citizens actually needed."
            ),
            "overall": (
                "More public debate and better information for citizens on electoral "
                "platforms, and platforms that answer the community's needs and priorities."
            ),
            "objectives": [
                "Dialogue between voters and candidates, with candidates invited to sign a "
                "Social Contract with the citizens of their municipality.",
                "Advocacy so that the contract is not just paper but a lasting commitment of "
                "the new mayors.",
                "Keeping citizens informed on social media about candidates' promises and "
                "the work done to keep them.",
                "More transparency and accountability, during the campaign and throughout "
                "the mandate.",
            ],
            "groups": "Citizens of the nine municipalities\nMayoral candidates and their "
            "parties\nLocal media",
        },
    },
    {
        "slug": "pop-2020",
        "slug_en": "pop-2020",
        "short_name": "POP 2020",
        "years": (2020, 2020),
        "municipalities": FIRST_NINE,
        "funders": [OPC, NED],
        "sq": {
            "title": "POP 2020 – Monitorimi i Kontratës Sociale në nivel vendor",
            "intro": (
                "Pas zgjedhjeve, rrjeti ndoqi nga afër nëse kryetarët e nëntë bashkive po "
                "punonin për prioritetet që kishin nënshkruar, dhe i ftoi qytetarët të "
                "merrnin pjesë në vendimmarrje."
            ),
            "overall": (
                "Lobim dhe avokim që prioritetet e nënshkruara në Kontratën Sociale të "
                "përmbushen, me komunitetin të përfshirë në vendime."
            ),
            "objectives": [
                "Vazhdimi i monitorimit dhe kërkimi i llogarisë nga kryetarët dhe këshillat "
                "bashkiakë.",
                "Lobim dhe avokim për prioritetet e kontratës në secilën bashki.",
                "Përmirësimi i metodologjisë POP dhe i marrëdhënieve mes organizatave dhe "
                "partive politike.",
                "Organizimi i komunitetit që të ngrejë zërin dhe të kërkojë llogari.",
            ],
            "groups": "Qytetarët e nëntë bashkive\nKryetarët, këshillat bashkiakë dhe partitë\n"
            "Media\nOrganizatat e shoqërisë civile",
        },
        "en": {
            "title": "POP 2020 – Monitoring the Social Contract locally",
            "intro": (
                "After the elections the network followed closely whether the mayors of the "
                "nine municipalities worked on the priorities they had signed, and invited "
                "citizens into local decision-making."
            ),
            "overall": (
                "Lobbying and advocacy so that the priorities signed in the Social Contract "
                "are met, with the community involved in decisions."
            ),
            "objectives": [
                "Continued monitoring, holding mayors and municipal councils to account.",
                "Lobbying and advocacy for the contract's priorities in each municipality.",
                "A better POP method and better relations between the organisations and "
                "political parties.",
                "Organising communities to raise their voice and demand accountability.",
            ],
            "groups": "Citizens of the nine municipalities\nMayors, municipal councils and "
            "parties\nMedia\nCivil-society organisations",
        },
    },
    {
        "slug": "pop-2021",
        "slug_en": "pop-2021",
        "short_name": "POP 2021",
        "years": (2021, 2021),
        "municipalities": ALL_TWELVE,
        "funders": [OPC, NED],
        "sq": {
            "title": "POP 2021 – Kontrata Sociale, urë mes qytetarëve dhe pushtetit",
            "intro": (
                "Pas vitit të parë të mandatit, 17% e prioriteteve ishin adresuar plotësisht, "
                "58% pjesërisht dhe 25% ende jo. Në kohë pandemie, rrjeti solli në tryezë "
                "edhe biznesin, sindikatat dhe shoqërinë civile."
            ),
            "overall": (
                "Organizata më të forta për të monitoruar bashkitë dhe për të avokuar për "
                "ligjin dhe për prioritetet e Kontratës Sociale."
            ),
            "objectives": [
                "Zgjerimi i rrjetit me organizata që mbulojnë bashki të reja.",
                "Marrëdhënie më të forta mes qytetarëve, rrjetit dhe aktorëve të tjerë.",
                "Monitorimi, raportimi dhe kërkimi i llogarisë për kontratën në çdo bashki.",
            ],
            "groups": "Qytetarët e dymbëdhjetë bashkive\nKryetarët, këshillat bashkiakë dhe "
            "partitë\nMedia\nOrganizatat e shoqërisë civile",
        },
        "en": {
            "title": "POP 2021 – The Social Contract as a bridge between citizens and power",
            "intro": (
                "After the first year of the mandate, 17% of priorities had been fully "
                "addressed, 58% partially and 25% not yet. In pandemic times the network also "
                "brought businesses, unions and civil society to the table."
            ),
            "overall": (
                "Stronger organisations to monitor municipalities and advocate for the law "
                "and for the Social Contract's priorities."
            ),
            "objectives": [
                "Growing the network with organisations covering new municipalities.",
                "Stronger relations between citizens, the network and other actors.",
                "Monitoring, reporting and holding leaders to account for the contract in "
                "each municipality.",
            ],
            "groups": "Citizens of the twelve municipalities\nMayors, municipal councils and "
            "parties\nMedia\nCivil-society organisations",
        },
    },
    {
        "slug": "pop-2022",
        "slug_en": "pop-2022",
        "short_name": "POP 2022",
        "years": (2022, 2022),
        "municipalities": ALL_TWELVE,
        "funders": [OPC, NED],
        "sq": {
            "title": "POP 2022 – Kontrata Sociale për pjesëmarrje dhe transparencë",
            "intro": (
                "Me Elbasanin, Vaun e Dejës dhe Korçën, rrjeti monitoron tashmë dymbëdhjetë "
                "bashki dhe shërben si urë mes qytetarëve dhe pushtetit vendor."
            ),
            "overall": (
                "Organizata të fuqizuara që i mbajnë bashkitë përgjegjëse për prioritetet e "
                "Kontratës Sociale që lidhen me aksesin dhe pjesëmarrjen e qytetarëve."
            ),
            "objectives": [
                "Më shumë ndikim i organizatave anëtare te qytetarët dhe zyrtarët vendorë.",
                "Plani Strategjik 2021–2025 për një rrjet të qëndrueshëm.",
                "Marrëdhënie më të forta me qytetarët, bizneset dhe median.",
                "Monitorim, raportim dhe llogaridhënie për prioritetet në çdo bashki.",
                "Një rrjet rajonal më i fortë me Kosovën dhe Maqedoninë e Veriut.",
            ],
            "groups": "Qytetarët në zona urbane dhe rurale\nGrupet e margjinalizuara\n"
            "Organizatat e shoqërisë civile\nKryetarët, këshillat dhe stafet e bashkive\n"
            "Media dhe deputetët",
        },
        "en": {
            "title": "POP 2022 – The Social Contract for participation and transparency",
            "intro": (
                "With Elbasan, Vau i Dejës and Korça the network now monitors twelve "
                "municipalities, a bridge between citizens and local government."
            ),
            "overall": (
                "Empowered organisations that hold municipalities to account for the Social "
                "Contract's priorities on citizens' access and participation."
            ),
            "objectives": [
                "More reach for member organisations among citizens and local officials.",
                "A Strategic Plan 2021–2025 for a lasting network.",
                "Stronger ties with citizens, businesses and the media.",
                "Monitoring, reporting and accountability for the priorities in every "
                "municipality.",
                "A stronger regional network with Kosovo and North Macedonia.",
            ],
            "groups": "Citizens in urban and rural areas\nMarginalised groups\nCivil-society "
            "organisations\nMayors, councils and municipal staff\nMedia and members of "
            "parliament",
        },
    },
    {
        "slug": "kontrata-sociale-2023",
        "slug_en": "social-contract-2023",
        "short_name": "Kontrata Sociale 2023",
        "short_name_en": "Social Contract 2023",
        "years": (2023, 2023),
        "municipalities": ALL_TWELVE,
        "funders": [OPC, NED],
        "sq": {
            "title": "Kontrata Sociale 2023 – Qytetarët në qeverisjen vendore",
            "intro": (
                "Vit zgjedhjesh: para 14 majit 2023 rrjeti mbajti 16 forume publike, ku "
                "kandidatët nënshkruan Kontratën Sociale të secilës bashki."
            ),
            "overall": (
                "Rrjeti ndjek vendimmarrjen dhe ndikon në debatin e politikave dhe në axhendën "
                "politike në interes të qytetarëve."
            ),
            "objectives": [
                "Rrjet më i aftë dhe më i besueshëm për të ndikuar vendimmarrjen, me plane për "
                "qëndrueshmëri afatgjatë.",
                "Qytetarë të organizuar në grupe që flasin për të drejtat e tyre.",
                "Bashkitë përfshijnë shoqërinë civile në vendimmarrje dhe buxhetim.",
                "Kontratat nënshkruhen në forum publik dhe të zgjedhurit mbajnë dialog për "
                "zbatimin e tyre.",
            ],
            "groups": "Qytetarët dhe grupet e tyre\nKandidatët dhe të zgjedhurit vendorë\n"
            "Organizatat e shoqërisë civile",
        },
        "en": {
            "title": "Social Contract 2023 – Citizens in local governance",
            "intro": (
                "An election year: before 14 May 2023 the network held 16 public forums where "
                "candidates signed each municipality's Social Contract."
            ),
            "overall": (
                "The network follows decision-making and influences the policy debate and the "
                "political agenda in citizens' interest."
            ),
            "objectives": [
                "A more capable and trusted network to influence decisions, with plans for "
                "long-term sustainability.",
                "Citizens organised in groups that speak up for their rights.",
                "Municipalities involve civil society in decisions and budgeting.",
                "Contracts are signed in a public forum and those elected keep a dialogue on "
                "carrying them out.",
            ],
            "groups": "Citizens and their groups\nCandidates and local elected officials\n"
            "Civil-society organisations",
        },
    },
    {
        "slug": "pop-2024",
        "slug_en": "pop-2024",
        "short_name": "POP 2024",
        "years": (2024, 2024),
        "municipalities": ALL_TWELVE,
        "funders": [OPC, NED],
        "sq": {
            "title": "POP 2024 – Rrjeti POP për qeverisje të mirë dhe integritet",
            "intro": (
                "Monitorimi 2019–2023 u mbyll me 74,5% të prioriteteve të adresuara në "
                "dymbëdhjetë bashki. Tani nis monitorimi i kontratave 2023–2027."
            ),
            "overall": (
                "Rrjeti monitoron vendimmarrjen dhe avokon në mënyrë aktive për interesin e "
                "qytetarëve në axhendën e politikave."
            ),
            "objectives": [
                "Organizata më kompetente dhe më legjitime për të monitoruar vendimmarrjen.",
                "Qytetarë që organizohen dhe ndikojnë në axhendat vendore.",
                "Bashki që përfshijnë shoqërinë civile në vendime dhe buxhete.",
                "Monitorimi i kontratave sociale 2023–2027 dhe avokimi për prioritetet.",
            ],
            "groups": "Qytetarët e dymbëdhjetë bashkive\nKryetarët dhe këshillat bashkiakë\n"
            "Organizatat e shoqërisë civile",
        },
        "en": {
            "title": "POP 2024 – The POP Network for good governance and integrity",
            "intro": (
                "Monitoring for 2019–2023 closed with 74.5% of priorities addressed in twelve "
                "municipalities. Monitoring of the 2023–2027 contracts begins."
            ),
            "overall": (
                "The network monitors decision-making and actively advocates for citizens' "
                "interest on the policy agenda."
            ),
            "objectives": [
                "More competent and legitimate organisations to monitor decision-making.",
                "Citizens who organise and shape local agendas.",
                "Municipalities that involve civil society in decisions and budgets.",
                "Monitoring the 2023–2027 social contracts and advocating for the priorities.",
            ],
            "groups": "Citizens of the twelve municipalities\nMayors and municipal councils\n"
            "Civil-society organisations",
        },
    },
]

# (slug, en slug, date, municipalities, tags, sq (title, lead, body), en (title, lead, body))
NEWS = [
    (
        "16-forume-publike-para-zgjedhjeve",
        "16-public-forums-before-the-elections",
        datetime.date(2023, 5, 10),
        ALL_TWELVE,
        ["forume", "zgjedhje-2023"],
        (
            "16 forume publike para zgjedhjeve të 14 majit",
            "Kandidatët për kryetarë u ulën përballë qytetarëve dhe nënshkruan Kontratën "
            "Sociale të bashkisë së tyre.",
            "Në 16 forume, qytetarët pyetën dhe kandidatët u përgjigjën. Çdo kontratë mbledh "
            "prioritetet që vetë banorët zgjodhën gjatë konsultimit.",
        ),
        (
            "16 public forums before the elections of 14 May",
            "Mayoral candidates sat across from citizens and signed their municipality's "
            "Social Contract.",
            "In 16 forums citizens asked and candidates answered. Each contract gathers the "
            "priorities residents chose themselves during the consultation.",
        ),
    ),
    (
        "mbyllet-monitorimi-2019-2023",
        "monitoring-2019-2023-closes",
        datetime.date(2023, 12, 15),
        ALL_TWELVE,
        ["monitorim"],
        (
            "Mbyllet monitorimi 2019–2023: 74,5% e prioriteteve të adresuara",
            "Në dymbëdhjetë bashki, tre në katër prioritete të qytetarëve u adresuan plotësisht "
            "ose pjesërisht gjatë mandatit.",
            "Organizatat e rrjetit ndoqën çdo prioritet për katër vjet. Rezultati hap rrugën "
            "për kontratat e reja 2023–2027.",
        ),
        (
            "Monitoring 2019–2023 closes: 74.5% of priorities addressed",
            "In twelve municipalities, three in four citizens' priorities were fully or "
            "partially addressed during the mandate.",
            "The network's organisations followed every priority for four years. The result "
            "opens the way for the new 2023–2027 contracts.",
        ),
    ),
    (
        "viti-i-pare-i-mandatit",
        "first-year-of-the-mandate",
        datetime.date(2020, 9, 1),
        FIRST_NINE,
        ["monitorim"],
        (
            "Viti i parë i mandatit: 17% e prioriteteve të adresuara plotësisht",
            "Në nëntë bashki, 58% e prioriteteve u adresuan pjesërisht dhe 25% ende jo.",
            "Monitoruesit e rrjetit vlerësuan çdo prioritet me prova nga vendimet e këshillave "
            "dhe nga buxhetet e bashkive.",
        ),
        (
            "First year of the mandate: 17% of priorities fully addressed",
            "In nine municipalities, 58% of priorities were partially addressed and 25% not yet.",
            "The network's monitors assessed each priority with evidence from council "
            "decisions and municipal budgets.",
        ),
    ),
    (
        "rrjeti-zgjerohet-ne-12-bashki",
        "the-network-grows-to-12-municipalities",
        datetime.date(2021, 6, 1),
        ["elbasan", "korce", "vau-i-dejes"],
        ["rrjeti"],
        (
            "Rrjeti zgjerohet në 12 bashki",
            "Elbasani, Vau i Dejës dhe Korça i bashkohen monitorimit me kontratat e tyre sociale.",
            "Me tre bashki të reja, më shumë qytetarë kanë një zë në prioritetet e bashkisë "
            "së tyre.",
        ),
        (
            "The network grows to 12 municipalities",
            "Elbasan, Vau i Dejës and Korça join the monitoring with their own social contracts.",
            "With three new municipalities, more citizens have a say in their municipality's "
            "priorities.",
        ),
    ),
    (
        "nis-monitorimi-2023-2027",
        "monitoring-2023-2027-begins",
        datetime.date(2024, 2, 1),
        ALL_TWELVE,
        ["monitorim", "zgjedhje-2023"],
        (
            "Nis monitorimi i kontratave 2023–2027",
            "Për katër vjet, rrjeti do të ndjekë si i mbajnë kryetarët e rinj premtimet e "
            "nënshkruara.",
            "Çdo vlerësim do të publikohet me provat e tij, që qytetarët të shohin vetë ku "
            "qëndron bashkia e tyre.",
        ),
        (
            "Monitoring of the 2023–2027 contracts begins",
            "For four years the network will follow how the new mayors keep the promises "
            "they signed.",
            "Every assessment will be published with its evidence, so that citizens can see "
            "for themselves where their municipality stands.",
        ),
    ),
]

ABOUT = {
    "sq": (
        "Rreth nesh",
        "Rrjeti POP është një rrjet organizatash të shoqërisë civile në dymbëdhjetë bashki "
        "të Shqipërisë.",
        [
            heading("Metoda POP"),
            *paragraphs(
                "Para çdo zgjedhjeje vendore, qytetarët zgjedhin prioritetet e bashkisë së "
                "tyre. Ato bëhen Kontrata Sociale, të cilën kandidatët për kryetarë e "
                "nënshkruajnë në një forum publik.",
                "Pas zgjedhjeve, organizatat e rrjetit ndjekin për katër vjet nëse çdo "
                "prioritet adresohet plotësisht, pjesërisht apo aspak, dhe i publikojnë "
                "vlerësimet me prova.",
            ),
            (
                "quote",
                {
                    "text": "Qytetarët vendosin, kandidatët zotohen, rrjeti monitoron.",
                    "attribution": "Rrjeti POP",
                },
            ),
        ],
    ),
    "en": (
        "About us",
        "The POP Network is a network of civil-society organisations in twelve Albanian "
        "municipalities.",
        [
            heading("The POP method"),
            *paragraphs(
                "Before every local election, citizens choose their municipality's "
                "priorities. They become a Social Contract, which mayoral candidates sign "
                "at a public forum.",
                "After the elections, the network's organisations follow for four years "
                "whether each priority is fully, partially or not addressed, and publish "
                "their assessments with evidence.",
            ),
            (
                "quote",
                {
                    "text": "Citizens decide, candidates commit, the network monitors.",
                    "attribution": "POP Network",
                },
            ),
        ],
    ),
}

TERMS = {
    "sq": (
        "Kushtet e përdorimit",
        "Rregullat për përdorimin e faqes dhe për pjesëmarrjen në konsultime.",
        paragraphs(
            "Çdo qytetar mund të lexojë faqen. Për të votuar dhe komentuar duhet një llogari "
            "me adresë email të verifikuar.",
            "Komentet duhet të jenë të sjellshme dhe për temën. Komentet fyese fshihen nga "
            "moderatorët, me arsyen e shënuar.",
        ),
    ),
    "en": (
        "Terms of use",
        "The rules for using the site and taking part in consultations.",
        paragraphs(
            "Anyone may read the site. Voting and commenting need an account with a verified "
            "e-mail address.",
            "Comments must be civil and on topic. Abusive comments are hidden by moderators, "
            "with the reason recorded.",
        ),
    ),
}

PRIVACY = {
    "sq": (
        "Privatësia",
        "Çfarë ruajmë për ju dhe pse.",
        paragraphs(
            "Ruajmë adresën tuaj email, emrin publik dhe bashkinë ku jetoni, që të mund të "
            "merrni pjesë në konsultime.",
            "Mund të shkarkoni të dhënat tuaja ose të fshini llogarinë në çdo kohë nga "
            "profili juaj.",
        ),
    ),
    "en": (
        "Privacy",
        "What we keep about you and why.",
        paragraphs(
            "We keep your e-mail address, public name and the municipality you live in, so "
            "that you can take part in consultations.",
            "You can download your data or delete your account at any time from your profile.",
        ),
    ),
}


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


def load_funders(sq, en):
    funders = {}
    for name, line_sq, line_en, colour in FUNDERS:
        initials = "".join(word[0] for word in name.split() if word[0].isupper())
        funder, _ = Funder.objects.get_or_create(
            name=name,
            locale=sq,
            defaults={
                "support_line": line_sq,
                "logo": generated_image(f"Logo: {name}", initials, colour, size=(360, 120)),
            },
        )
        translate(funder, en, support_line=line_en)
        funders[name] = funder
    return funders


def load_home(sq, en):
    home = HomePage.objects.get(locale=sq, depth=2)
    if home.image_id is None:
        home.image = generated_image("Kreu: Kontrata Sociale", "Rrjeti POP", (163, 21, 29))
        home.lead = "Qytetarët vendosin, kandidatët zotohen, rrjeti monitoron."
        home.save_revision().publish()
    home_en = ensure_translation(
        home, en, lead="Citizens decide, candidates commit, the network monitors."
    )
    return home, home_en


def load_programmes(home, home_en, en, municipalities, funders, log):
    index, _ = ensure_page(
        home,
        ProgrammeIndexPage,
        "programet",
        title="Programet",
        show_in_menus=True,
        intro="Çdo vit, rrjeti i vendos vetes objektiva të qarta. Këtu janë programet nga "
        "2019 deri në 2024.",
    )
    ensure_translation(
        index,
        en,
        title="Programmes",
        slug="programmes",
        intro="Every year the network sets itself clear objectives. Here are its programmes "
        "from 2019 to 2024.",
    )
    colours = [
        (11, 79, 156),
        (30, 107, 52),
        (122, 15, 22),
        (90, 60, 140),
        (163, 21, 29),
        (0, 96, 100),
    ]
    for programme, colour in zip(PROGRAMMES, colours, strict=True):
        start, end = programme["years"]
        text_sq, text_en = programme["sq"], programme["en"]
        page, _ = ensure_page(
            index,
            ProgrammePage,
            programme["slug"],
            title=text_sq["title"],
            short_name=programme["short_name"],
            start_date=datetime.date(start, 1, 1),
            end_date=datetime.date(end, 12, 31),
            intro=text_sq["intro"],
            image=generated_image(
                f"Programi {programme['short_name']}", programme["short_name"], colour
            ),
            overall_objective=text_sq["overall"],
            objectives=objectives(*text_sq["objectives"]),
            target_groups=text_sq["groups"],
            municipalities=[municipalities[slug] for slug in programme["municipalities"]],
            funders=[funders[name] for name in programme["funders"]],
            search_description=text_sq["intro"][:255],
        )
        ensure_translation(
            page,
            en,
            title=text_en["title"],
            slug=programme["slug_en"],
            short_name=programme.get("short_name_en", programme["short_name"]),
            intro=text_en["intro"],
            overall_objective=text_en["overall"],
            objectives=objectives(*text_en["objectives"]),
            target_groups=text_en["groups"],
            search_description=text_en["intro"][:255],
        )
    log(f"{len(PROGRAMMES)} programme pages, in Albanian and English")


def load_news(home, en, municipalities, log):
    index, _ = ensure_page(
        home,
        NewsIndexPage,
        "lajme",
        title="Lajme",
        show_in_menus=True,
        intro="Çfarë po ndodh në rrjet dhe në bashkitë tona.",
    )
    ensure_translation(
        index,
        en,
        title="News",
        slug="news",
        intro="What is happening in the network and in our municipalities.",
    )
    for number, (slug, slug_en, date, places, tags, text_sq, text_en) in enumerate(NEWS):
        title, lead, body = text_sq
        page, created = ensure_page(
            index,
            NewsPage,
            slug,
            title=title,
            date=date,
            lead=lead,
            body=paragraphs(body),
            image=generated_image(f"Lajm {number + 1}", date.strftime("%d.%m.%Y"), (23, 64, 122)),
            municipalities=[municipalities[place] for place in places],
        )
        if created:
            page.tags.add(*tags)
            page.save_revision().publish()
        title, lead, body = text_en
        ensure_translation(page, en, title=title, slug=slug_en, lead=lead, body=paragraphs(body))
    log(f"{len(NEWS)} news items, in Albanian and English")


def load_standard(home, en, slug, slug_en, texts, in_menu):
    title, intro, body = texts["sq"]
    page, _ = ensure_page(
        home, StandardPage, slug, title=title, intro=intro, body=body, show_in_menus=in_menu
    )
    title, intro, body = texts["en"]
    ensure_translation(page, en, title=title, slug=slug_en, intro=intro, body=body)
    return page


def load_contact(home, en):
    fields_sq = [
        ("emri", "Emri", "singleline", True),
        ("email", "Adresa email", "email", True),
        ("mesazhi", "Mesazhi", "multiline", True),
    ]
    labels_en = {"emri": "Name", "email": "E-mail address", "mesazhi": "Message"}
    existing = child(home, "kontakt")
    if existing is None:
        page = ContactPage(
            slug="kontakt",
            locale_id=home.locale_id,
            title="Kontakt",
            show_in_menus=True,
            intro="Na shkruani: pyetje, ide ose dëshirë për t'u bërë vullnetar.",
            thank_you_text="Faleminderit! Do t'ju përgjigjemi së shpejti.",
            to_address="info@pop.example",
            subject="Mesazh i ri nga faqja e kontaktit",
        )
        page.form_fields = [
            FormField(
                label=label,
                field_type=kind,
                required=required,
                clean_name=name,
                locale_id=home.locale_id,
                sort_order=order,
            )
            for order, (name, label, kind, required) in enumerate(fields_sq)
        ]
        home.add_child(instance=page)
        page.save_revision().publish()
    else:
        page = existing
    if page.get_translation_or_none(en) is None or page.get_translation(en).alias_of_id:
        translation = ensure_translation(
            page,
            en,
            title="Contact",
            slug="contact",
            intro="Write to us: questions, ideas, or if you want to volunteer.",
            thank_you_text="Thank you! We will answer soon.",
            subject="New message from the contact page",
        )
        for field in translation.form_fields.all():
            field.label = labels_en.get(field.clean_name, field.label)
            field.save()
        translation.save_revision().publish()


def load_settings(home, sq, en, funders, terms, privacy):
    site = Site.objects.get(root_page=home)
    settings = SiteSettings.for_site(site)
    footer = FooterText.objects.filter(locale=sq).first()
    if footer is None:
        footer = FooterText.objects.create(
            locale=sq,
            body="Rrjeti POP: organizata të shoqërisë civile që i kthejnë prioritetet e "
            "qytetarëve në zotime të kandidatëve dhe i ndjekin për katër vjet.",
        )
    translate(
        footer,
        en,
        body="The POP Network: civil-society organisations that turn citizens' priorities "
        "into candidates' commitments and follow them for four years.",
    )
    changed = False
    defaults = {
        "terms_page": terms,
        "privacy_page": privacy,
        "footer_text": footer,
        "contact_address": "Rruga e Durrësit\nTiranë, Shqipëri",
        "contact_email": "info@pop.example",
    }
    for name, value in defaults.items():
        if not getattr(settings, name):
            setattr(settings, name, value)
            changed = True
    if not settings.funders.raw_data:
        settings.funders = [("funder", funders[OPC]), ("funder", funders[NED])]
        settings.social_links = [
            ("link", {"network": "facebook", "url": "https://www.facebook.com/"}),
        ]
        changed = True
    if changed:
        settings.save()


def load(log, municipalities):
    sq = Locale.objects.get(language_code="sq")
    en = Locale.objects.get(language_code="en")
    municipalities = municipalities or {m.slug: m for m in Municipality.objects.source()}
    with transaction.atomic():
        funders = load_funders(sq, en)
        home, home_en = load_home(sq, en)
        load_standard(home, en, "rreth-nesh", "about", ABOUT, in_menu=True)
        load_programmes(home, home_en, en, municipalities, funders, log)
        load_news(home, en, municipalities, log)
        partners, _ = ensure_page(
            home,
            PartnersPage,
            "partneret",
            title="Partnerët",
            show_in_menus=True,
            intro="Organizatat që e bëjnë rrjetin, secila në bashkinë e saj.",
        )
        ensure_translation(
            partners,
            en,
            title="Partners",
            slug="partners",
            intro="The organisations that make up the network, each in its own municipality.",
        )
        load_contact(home, en)
        terms = load_standard(home, en, "kushtet-e-perdorimit", "terms-of-use", TERMS, False)
        privacy = load_standard(home, en, "privatesia", "privacy", PRIVACY, False)
        load_settings(home, sq, en, funders, terms, privacy)
    log("Pages: home, about, programmes, news, partners, contact, terms and privacy")

"""Demo forum pages: the index, the 16 public forums held before the local
elections of 14 May 2023 (one in each of the 12 municipalities and a second
one in Tirana, Durrës, Elbasan and Shkodra), and one forum ahead, in Durrës
for the 2027 elections, three weeks after the day the demo is loaded, with
questions from the demo citizens (approved and upvoted, one waiting for a
moderator). Texts are written in our own words. Safe to run again."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from wagtail.models import Locale

from cms_pages.models import Election, HomePage, PartnerOrganisation
from consultations.models import Priority, SocialContract
from forums.models import ForumIndexPage, ForumPage, Question, QuestionState, Upvote

from .cms import ensure_page, ensure_translation
from .consultations import TIRANE

# (municipality slug, day of April or May 2023, hour, Albanian venue, English venue, address,
#  latitude, longitude)
FORUMS_2023 = [
    (
        "tirane",
        (4, 18),
        17,
        "Salla e Kinemasë Millennium",
        "Millennium Cinema hall",
        "Rruga Murat Toptani",
        "41.326900",
        "19.820600",
    ),
    (
        "tirane",
        (5, 4),
        17,
        "Qendra Kulturore e Fëmijëve",
        "Children's Cultural Centre",
        "Bulevardi Dëshmorët e Kombit",
        "41.321800",
        "19.820200",
    ),
    (
        "kamez",
        (4, 20),
        16,
        "Pallati i Kulturës Kamëz",
        "Kamza Palace of Culture",
        "Rruga Blu",
        "41.381700",
        "19.760300",
    ),
    (
        "durres",
        (4, 19),
        17,
        "Teatri Aleksandër Moisiu",
        "Aleksandër Moisiu Theatre",
        "Sheshi Liria",
        "41.313400",
        "19.445300",
    ),
    (
        "durres",
        (5, 3),
        17,
        "Salla e Bibliotekës Publike",
        "Public Library hall",
        "Rruga Tregtare",
        "41.314300",
        "19.447900",
    ),
    (
        "fier",
        (4, 21),
        17,
        "Salla e Pallatit të Kulturës",
        "Palace of Culture hall",
        "Sheshi Fitorja",
        "40.723900",
        "19.557200",
    ),
    (
        "vlore",
        (4, 24),
        17,
        "Qendra Rinore Vlorë",
        "Vlora Youth Centre",
        "Rruga Sadik Zotaj",
        "40.466000",
        "19.489700",
    ),
    (
        "shkoder",
        (4, 25),
        17,
        "Teatri Migjeni",
        "Migjeni Theatre",
        "Sheshi Demokracia",
        "42.068000",
        "19.512000",
    ),
    (
        "shkoder",
        (5, 5),
        17,
        "Salla e Universitetit Luigj Gurakuqi",
        "Luigj Gurakuqi University hall",
        "Sheshi 2 Prilli",
        "42.066300",
        "19.510700",
    ),
    (
        "kukes",
        (4, 26),
        16,
        "Salla e Pallatit të Kulturës Kukës",
        "Kukës Palace of Culture",
        "Sheshi Skënderbej",
        "42.077100",
        "20.421900",
    ),
    (
        "puke",
        (4, 27),
        16,
        "Salla e Bashkisë Pukë",
        "Puka town hall",
        "Sheshi i Flamurit",
        "42.044500",
        "19.899700",
    ),
    (
        "pogradec",
        (4, 28),
        17,
        "Qendra Kulturore Pogradec",
        "Pogradec Cultural Centre",
        "Bulevardi Rinia",
        "40.902600",
        "20.652500",
    ),
    (
        "elbasan",
        (5, 2),
        17,
        "Teatri Skampa",
        "Skampa Theatre",
        "Rruga Qemal Stafa",
        "41.112500",
        "20.082200",
    ),
    (
        "elbasan",
        (5, 8),
        17,
        "Salla e Universitetit Aleksandër Xhuvani",
        "Aleksandër Xhuvani University hall",
        "Rruga Ismail Zyma",
        "41.109700",
        "20.085800",
    ),
    (
        "korce",
        (5, 6),
        17,
        "Teatri Andon Zako Çajupi",
        "Andon Zako Çajupi Theatre",
        "Sheshi Teatri",
        "40.617600",
        "20.780500",
    ),
    (
        "vau-i-dejes",
        (5, 9),
        16,
        "Salla e Qendrës Sociale",
        "Community centre hall",
        "Rruga Kryesore",
        "42.011300",
        "19.635300",
    ),
]

AGENDA = [
    (
        datetime.time(0, 0),
        "Mirëseardhja dhe qëllimi i forumit",
        "Welcome and what the forum is for",
    ),
    (
        datetime.time(0, 10),
        "Prezantimi i Kontratës Sociale dhe i prioriteteve të qytetarëve",
        "Presenting the Social Contract and the citizens' priorities",
    ),
    (
        datetime.time(0, 30),
        "Kandidatët paraqesin ofertat e tyre për secilin prioritet",
        "Candidates present their offers on each priority",
    ),
    (datetime.time(1, 10), "Pyetjet e qytetarëve", "Citizens' questions"),
    (datetime.time(1, 40), "Nënshkrimi i Kontratës Sociale", "Signing the Social Contract"),
]

QUESTIONS_2027 = [
    # (author e-mail, Albanian text, priority index or None, state, upvoters)
    (
        "besnik@pop.example",
        "Çfarë afati i jepni vetes që uji të vijë 24 orë në lagjet e Shkozetit dhe Spitallës?",
        0,
        QuestionState.APPROVED,
        ["arta@pop.example", "banor1@pop.example", "banor2@pop.example"],
    ),
    (
        "arta@pop.example",
        "A do t'i transmetoni mbledhjet e këshillit bashkiak drejtpërdrejt dhe a do t'i arkivoni?",
        1,
        QuestionState.APPROVED,
        ["besnik@pop.example", "banor3@pop.example"],
    ),
    (
        "banor1@pop.example",
        "Si do ta organizoni grumbullimin e mbetjeve në fshatrat e njësisë Ishëm?",
        None,
        QuestionState.APPROVED,
        ["besnik@pop.example"],
    ),
    (
        "besnik@pop.example",
        "Sa vende të reja në kopshte do të hapen gjatë vitit të parë të mandatit?",
        None,
        QuestionState.PENDING,
        [],
    ),
]


def _at(month_day, hour):
    month, day = month_day
    return datetime.datetime(2023, month, day, hour, 0, tzinfo=TIRANE)


def _agenda(starts_at, english=False):
    items = []
    for offset, title_sq, title_en in AGENDA:
        moment = starts_at + datetime.timedelta(hours=offset.hour, minutes=offset.minute)
        items.append(
            (
                "item",
                {
                    "time": moment.timetz().replace(tzinfo=None),
                    "title": title_en if english else title_sq,
                    "speakers": "",
                    "description": "",
                },
            )
        )
    return items


def _publish_forum(index, en, slug, sq_fields, en_fields, partners, update=False):
    """The Albanian forum page and its real English translation, published."""
    page = ForumPage.objects.child_of(index).filter(slug=slug).first()
    if page is None:
        page = ForumPage(slug=slug, **sq_fields)
        index.add_child(instance=page)
        page.partners.set(partners)
        page.save_revision().publish()
    elif update:
        for name, value in sq_fields.items():
            setattr(page, name, value)
        page.save_revision().publish()
    translation = page.get_translation_or_none(en)
    if translation is None or translation.alias_of_id is not None or update:
        translation = ensure_translation(page, en, **en_fields)
        if update:
            for name in ("starts_at", "ends_at"):
                setattr(translation, name, sq_fields[name])
            for name, value in en_fields.items():
                setattr(translation, name, value)
            translation.partners.set(partners)
            translation.save_revision().publish()
    return page


def load(log, municipalities):
    sq = Locale.objects.get(language_code="sq")
    en = Locale.objects.get(language_code="en")
    home = HomePage.objects.get(locale=sq, depth=2)
    index, _ = ensure_page(
        home,
        ForumIndexPage,
        "forumet",
        title="Forumet publike",
        show_in_menus=True,
        intro="Para çdo zgjedhjeje vendore, kandidatët për kryetar bashkie dalin përpara "
        "qytetarëve, u përgjigjen pyetjeve dhe nënshkruajnë Kontratën Sociale.",
    )
    ensure_translation(
        index,
        en,
        title="Public forums",
        slug="forums",
        intro="Before every local election, the candidates for mayor face the citizens, "
        "answer their questions and sign the Social Contract.",
    )

    election_2023 = Election.objects.get(locale=sq, date=datetime.date(2023, 5, 14))
    seen = set()
    for slug, month_day, hour, venue_sq, venue_en, address, lat, lon in FORUMS_2023:
        municipality = municipalities[slug]
        name_en = municipality.get_translation(en).name
        second = slug in seen
        seen.add(slug)
        starts_at = _at(month_day, hour)
        partners = list(PartnerOrganisation.objects.filter(municipality=municipality, locale=sq))
        organiser = partners[0].name if partners else "Rrjeti POP"
        contract = SocialContract.objects.get(municipality=municipality, election=election_2023)
        title_sq = f"Forumi publik {'i dytë ' if second else ''}– {municipality.name} 2023"
        title_en = f"{'Second public' if second else 'Public'} forum – {name_en} 2023"
        _publish_forum(
            index,
            en,
            f"{slug}-2023{'-2' if second else ''}",
            {
                "title": title_sq,
                "municipality": municipality,
                "election": election_2023,
                "contract": contract,
                "starts_at": starts_at,
                "ends_at": starts_at + datetime.timedelta(hours=2),
                "venue": venue_sq,
                "address": address,
                "latitude": lat,
                "longitude": lon,
                "moderator_name": f"Koordinatorja e Rrjetit POP në {municipality.name}",
                "intro": f"Kandidatët për kryetar të bashkisë {municipality.name} u përballën me "
                "prioritetet që qytetarët zgjodhën për Kontratën Sociale 2023–2027.",
                "agenda": _agenda(starts_at),
                "outcome": f"<p>Forumi u organizua nga {organiser}. Kandidatët paraqitën "
                "qëndrimin e tyre për çdo prioritet, iu përgjigjën pyetjeve të të "
                "pranishmëve dhe nënshkruan Kontratën Sociale si angazhim moral ndaj "
                "qytetarëve. Rrjeti POP do të monitorojë zbatimin e saj gjatë katër "
                "viteve të mandatit.</p>",
            },
            {
                "title": title_en,
                "slug": f"{slug}-2023{'-2' if second else ''}",
                "venue": venue_en,
                "intro": f"The candidates for mayor of {name_en} faced the priorities that "
                "citizens chose for the 2023–2027 Social Contract.",
                "agenda": _agenda(starts_at, english=True),
                "outcome": "<p>The candidates set out their position on each priority, "
                "answered questions from the audience and signed the Social Contract as "
                "a moral commitment to the citizens. The POP Network will monitor its "
                "implementation over the four years of the mandate.</p>",
            },
            partners,
        )
    log(f"{len(FORUMS_2023)} public forums before the local elections of 14 May 2023")

    # One forum ahead: Durrës, for the 2027 elections, three weeks from today.
    election_2027 = Election.objects.get(locale=sq, date=datetime.date(2027, 5, 9))
    durres = municipalities["durres"]
    contract = SocialContract.objects.get(municipality=durres, election=election_2027)
    day = timezone.localdate() + datetime.timedelta(days=21)
    starts_at = datetime.datetime.combine(day, datetime.time(17, 0), tzinfo=TIRANE)
    existing = ForumPage.objects.child_of(index).filter(slug="durres-2027").first()
    partners = list(PartnerOrganisation.objects.filter(municipality=durres, locale=sq))
    forum = _publish_forum(
        index,
        en,
        "durres-2027",
        {
            "title": "Forumi publik – Durrës 2027",
            "municipality": durres,
            "election": election_2027,
            "contract": contract,
            "starts_at": starts_at,
            "ends_at": starts_at + datetime.timedelta(hours=2),
            "venue": "Teatri Aleksandër Moisiu",
            "address": "Sheshi Liria",
            "latitude": "41.313400",
            "longitude": "19.445300",
            "moderator_name": "Koordinatorja e Rrjetit POP në Durrës",
            "intro": "Kandidatët për kryetar të Durrësit do të përballen me prioritetet e "
            "Kontratës Sociale 2027. Dërgoni pyetjen tuaj që para forumit.",
            "agenda": _agenda(starts_at),
        },
        {
            "title": "Public forum – Durrës 2027",
            "slug": "durres-2027",
            "venue": "Aleksandër Moisiu Theatre",
            "intro": "The candidates for mayor of Durrës will face the priorities of the 2027 "
            "Social Contract. Send your question before the forum.",
            "agenda": _agenda(starts_at, english=True),
        },
        partners,
        update=existing is not None and existing.starts_at <= timezone.now(),
    )

    User = get_user_model()
    people = {user.email: user for user in User.objects.filter(email__endswith="@pop.example")}
    priorities = list(Priority.objects.source().filter(contract=contract).order_by("order", "pk"))
    moderator = people.get("moderator@pop.example")
    for email, text, priority_index, state, upvoters in QUESTIONS_2027:
        question, created = Question.objects.get_or_create(
            forum=forum,
            author=people[email],
            text=text,
            defaults={
                "state": state,
                "priority": priorities[priority_index] if priority_index is not None else None,
                "moderated_by": moderator if state == QuestionState.APPROVED else None,
                "moderated_at": timezone.now() if state == QuestionState.APPROVED else None,
            },
        )
        for upvoter in upvoters:
            Upvote.objects.get_or_create(question=question, citizen=people[upvoter])
    log("1 upcoming forum (Durrës, 2027) with citizens' questions")
    return forum

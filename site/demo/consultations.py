"""Demo consultations: for the 2023 local elections, a finalised Social
Contract in every municipality (8–12 priorities, in Albanian and English);
and one consultation open now, in Durrës for the 2027 elections, with
supports and comments from the demo citizens. Safe to run again."""

import datetime
import zoneinfo

from django.contrib.auth import get_user_model
from django.utils import timezone

from wagtail.models import Locale

from cms_pages.models import Election, HomePage
from consultations.models import (
    Comment,
    ConsultationIndexPage,
    ConsultationPage,
    Priority,
    Sector,
    SocialContract,
    Vote,
)

from .reference import translate

TIRANE = zoneinfo.ZoneInfo("Europe/Tirane")

# (slug, Albanian name, English name)
SECTORS = [
    ("infrastruktura", "Infrastruktura", "Infrastructure"),
    ("uji", "Furnizimi me ujë", "Water supply"),
    ("mbetjet", "Mbetjet dhe pastërtia", "Waste and cleanliness"),
    ("arsimi", "Arsimi", "Education"),
    ("kujdesi-social", "Kujdesi social", "Social care"),
    ("transparenca", "Transparenca dhe pjesëmarrja", "Transparency and participation"),
    ("sherbimet", "Shërbimet publike", "Public services"),
    ("rinia", "Rinia dhe sporti", "Youth and sport"),
]

# (sector, Albanian title, Albanian description, English title, English description)
PRIORITIES = [
    (
        "transparenca",
        "Mbledhjet e këshillit bashkiak të hapura për qytetarët",
        "Njoftim një javë përpara, rendi i ditës i publikuar dhe kohë e caktuar që "
        "qytetarët të flasin në çdo mbledhje të këshillit bashkiak.",
        "Council meetings open to citizens",
        "A week's notice, the agenda published and time set aside for residents to speak "
        "at every municipal council meeting.",
    ),
    (
        "uji",
        "Ujë i pijshëm 24 orë në ditë në të gjitha lagjet",
        "Rikonstruksion i rrjetit të vjetër dhe orar i publikuar i furnizimit derisa uji "
        "të vijë pa ndërprerje.",
        "Drinking water around the clock in every neighbourhood",
        "Renew the old pipes and publish the supply timetable until water runs without "
        "interruption.",
    ),
    (
        "mbetjet",
        "Grumbullim i rregullt i mbetjeve edhe në zonat rurale",
        "Kontejnerë të mjaftueshëm, orar i njohur grumbullimi dhe largim i vatrave të "
        "mbetjeve të paligjshme.",
        "Regular waste collection, villages included",
        "Enough bins, a known collection timetable and the clearing of illegal dumps.",
    ),
    (
        "infrastruktura",
        "Rrugë të sigurta për këmbësorët pranë shkollave",
        "Trotuare, vijëzime dhe ndriçim në rrugët që fëmijët përshkojnë për në shkollë.",
        "Safe walking routes to schools",
        "Pavements, crossings and street lighting on the roads children take to school.",
    ),
    (
        "arsimi",
        "Kopshte dhe çerdhe me vende për çdo fëmijë",
        "Zgjerim i kapaciteteve dhe regjistrim i thjeshtë online, që asnjë familje të mos "
        "mbetet në listë pritjeje.",
        "A nursery place for every child",
        "More places and a simple online enrolment, so that no family is left waiting.",
    ),
    (
        "kujdesi-social",
        "Shërbime në shtëpi për të moshuarit dhe personat me aftësi të kufizuara",
        "Kujdes i rregullt në shtëpi dhe transport i përshtatur për ata që nuk mund të "
        "lëvizin vetë.",
        "Home care for older and disabled residents",
        "Regular care at home and adapted transport for those who cannot get about alone.",
    ),
    (
        "transparenca",
        "Buxheti i bashkisë i publikuar në gjuhë të thjeshtë",
        "Buxheti vjetor dhe shpenzimet kryesore të publikuara online, të shpjeguara qartë, "
        "me dëgjesa publike para miratimit.",
        "The municipal budget published in plain language",
        "The yearly budget and main spending online, clearly explained, with public hearings "
        "before it is adopted.",
    ),
    (
        "sherbimet",
        "Sportel i vetëm për shërbimet e bashkisë",
        "Një zyrë dhe një portal ku qytetarët marrin çdo dokument pa vajtje-ardhje të panevojshme.",
        "One front desk for municipal services",
        "One office and one portal where residents get any document without being sent "
        "from door to door.",
    ),
    (
        "infrastruktura",
        "Ndriçim publik në rrugët dytësore",
        "Rikthim i ndriçimit në lagjet periferike për më shumë siguri gjatë natës.",
        "Street lighting in side streets",
        "Bring lighting back to outlying neighbourhoods, for safety after dark.",
    ),
    (
        "rinia",
        "Hapësira rinore dhe sportive të hapura për të gjithë",
        "Fusha sportive dhe një qendër rinore falas, të administruara bashkë me organizatat "
        "e të rinjve.",
        "Youth and sports spaces open to all",
        "Free sports grounds and a youth centre, run together with young people's organisations.",
    ),
    (
        "mbetjet",
        "Ndarja e mbetjeve në burim dhe riciklimi",
        "Kosha të veçantë për letrën, plastikën dhe qelqin, dhe fushata informimi në shkolla.",
        "Sorting and recycling waste at source",
        "Separate bins for paper, plastic and glass, and information campaigns in schools.",
    ),
    (
        "sherbimet",
        "Transport publik i rregullt drejt fshatrave",
        "Linja të rregullta me orar të publikuar që lidhin fshatrat me qendrën e qytetit.",
        "Reliable public transport to the villages",
        "Regular lines with a published timetable linking villages with the town centre.",
    ),
]

DEMO_VOTERS = 6  # quiet demo residents of Durrës who support the open consultation


def tirane_midnight(date):
    return datetime.datetime.combine(date, datetime.time(), tzinfo=TIRANE)


def publish_page(
    parent, page_class, slug, title_sq, title_en, intro_sq, intro_en, slug_en=None, **fields
):
    """An Albanian page under `parent` and its English translation, published."""
    english = Locale.objects.get(language_code="en")
    page = page_class.objects.child_of(parent).filter(slug=slug).first()
    if page is None:
        page = page_class(title=title_sq, slug=slug, intro=intro_sq, **fields)
        parent.add_child(instance=page)
        page.save_revision().publish()
    translated = page.get_translation_or_none(english)
    if translated is None or translated.alias_of_id:
        if translated is not None:
            translated.delete()
        translated = page.copy_for_translation(english, copy_parents=True)
        translated.title = title_en
        translated.slug = slug_en or slug
        translated.intro = intro_en
        translated.save_revision().publish()
    return page


def sectors():
    albanian = Locale.objects.get(language_code="sq")
    english = Locale.objects.get(language_code="en")
    result = {}
    for slug, name_sq, name_en in SECTORS:
        sector, _ = Sector.objects.update_or_create(
            slug=slug, locale=albanian, defaults={"name": name_sq}
        )
        translate(sector, english, name=name_en)
        result[slug] = sector
    return result


def add_priorities(contract, chosen, by_sector, votes=None, in_contract=()):
    albanian = Locale.objects.get(language_code="sq")
    english = Locale.objects.get(language_code="en")
    rows = []
    for order, index in enumerate(chosen, start=1):
        sector, title_sq, about_sq, title_en, about_en = PRIORITIES[index]
        priority, _ = Priority.objects.update_or_create(
            contract=contract,
            title=title_sq,
            locale=albanian,
            defaults={
                "description": about_sq,
                "sector": by_sector[sector],
                "order": order,
                "in_contract": order in in_contract,
            },
        )
        translate(
            priority,
            english,
            title=title_en,
            description=about_en,
            contract=contract,
            sector=by_sector[sector],
            order=order,
            in_contract=priority.in_contract,
        )
        if votes is not None and not priority.votes.exists():
            # Supports of a closed consultation, counted without names.
            Vote.objects.bulk_create(
                [Vote(priority=priority, citizen=None) for _ in range(votes[order - 1])]
            )
        rows.append(priority)
    return rows


def load(log, municipalities, home=None):
    albanian = Locale.objects.get(language_code="sq")
    english = Locale.objects.get(language_code="en")
    by_sector = sectors()
    home = home or HomePage.objects.get(locale=albanian, depth=2)
    index = publish_page(
        home,
        ConsultationIndexPage,
        "konsultimet",
        "Konsultimet",
        "Consultations",
        "<p>Para zgjedhjeve vendore, qytetarët e çdo bashkie zgjedhin prioritetet që "
        "kandidatët do të nënshkruajnë në Kontratën Sociale.</p>",
        "<p>Before the local elections, the citizens of each municipality choose the "
        "priorities that candidates will sign in the Social Contract.</p>",
        slug_en="consultations",
        show_in_menus=True,
    )

    election_2023 = Election.objects.get(locale=albanian, date=datetime.date(2023, 5, 14))
    for number, (slug, municipality) in enumerate(sorted(municipalities.items())):
        count = 8 + number % 5  # 8 to 12 priorities
        chosen = [(number + step * 5) % len(PRIORITIES) for step in range(count)]
        chosen = list(dict.fromkeys(chosen + list(range(len(PRIORITIES)))))[:count]
        votes = [12 + (number * 17 + i * 29) % 79 for i in range(count)]
        ranked = sorted(range(1, count + 1), key=lambda o: -votes[o - 1])
        contract, _ = SocialContract.objects.update_or_create(
            municipality=municipality,
            election=election_2023,
            defaults={
                "opens_at": tirane_midnight(datetime.date(2023, 2, 1)),
                "closes_at": tirane_midnight(datetime.date(2023, 3, 31)),
                "finalised_at": tirane_midnight(datetime.date(2023, 4, 10)),
                "endorsement_deadline": datetime.date(2023, 5, 5),
                "max_supports": 3,
                "residents_only": True,
                "opening_announced_at": tirane_midnight(datetime.date(2023, 2, 1)),
            },
        )
        add_priorities(contract, chosen, by_sector, votes, in_contract=set(ranked[:6]))
        name_en = municipality.get_translation(english).name
        publish_page(
            index,
            ConsultationPage,
            f"{slug}-2023",
            f"Kontrata Sociale 2023 – {municipality.name}",
            f"Social Contract 2023 – {name_en}",
            "<p>Prioritetet që qytetarët zgjodhën dhe kandidatët për kryetar nënshkruan "
            "para zgjedhjeve të 14 majit 2023.</p>",
            "<p>The priorities citizens chose and mayoral candidates signed before the "
            "local elections of 14 May 2023.</p>",
            contract=contract,
        )
    log(f"{len(municipalities)} finalised Social Contracts for 2023, in Albanian and English")

    # One consultation open now: Durrës, for the 2027 local elections.
    election_2027, _ = Election.objects.update_or_create(
        date=datetime.date(2027, 5, 9), locale=albanian, defaults={"name": "Zgjedhjet vendore 2027"}
    )
    translate(election_2027, english, name="Local elections 2027")
    today = timezone.localdate()
    durres = municipalities["durres"]
    contract, _ = SocialContract.objects.update_or_create(
        municipality=durres,
        election=election_2027,
        defaults={
            "opens_at": tirane_midnight(today - datetime.timedelta(days=7)),
            "closes_at": tirane_midnight(today + datetime.timedelta(days=30)),
            "finalised_at": None,
            "max_supports": 3,
            "residents_only": False,  # every demo citizen can try it at once
            "premoderate_comments": False,
            "endorsement_deadline": datetime.date(2027, 4, 25),
        },
    )
    priorities = add_priorities(contract, [1, 0, 2, 4, 5, 6, 8, 11, 9], by_sector)
    publish_page(
        index,
        ConsultationPage,
        "durres-2027",
        "Kontrata Sociale 2027 – Durrës",
        "Social Contract 2027 – Durrës",
        "<p>Cilat duhet të jenë prioritetet e bashkisë për mandatin 2027–2031? Mbështetni "
        "deri në tre prioritete dhe diskutoni me bashkëqytetarët.</p>",
        "<p>What should the municipality's priorities be for 2027–2031? Support up to "
        "three priorities and discuss them with your neighbours.</p>",
        contract=contract,
    )

    User = get_user_model()
    arta = User.objects.get(email="arta@pop.example")
    besnik = User.objects.get(email="besnik@pop.example")
    voters = [arta, besnik]
    for n in range(1, DEMO_VOTERS + 1):
        voter, created = User.objects.get_or_create(
            email=f"banor{n}@pop.example",
            defaults={"display_name": f"Banor i Durrësit {n}", "municipality": durres},
        )
        if created:
            voter.set_unusable_password()
            voter.save()
        voters.append(voter)
    for n, voter in enumerate(voters):
        for priority in priorities[n % 3 : n % 3 + (1 if voter in (arta, besnik) else 3)]:
            Vote.objects.get_or_create(citizen=voter, priority=priority)

    comments = [
        (besnik, 0, "Në lagjen time uji vjen vetëm në mëngjes. Orari duhet të publikohet."),
        (arta, 0, "Edhe në Tiranë kemi të njëjtin problem; grafiku online do të ndihmonte."),
        (besnik, 1, "Mbledhjet e këshillit duhet të transmetohen live dhe të arkivohen."),
        (arta, 3, "Kopshti më i afërt ka listë pritjeje prej dy vitesh."),
    ]
    for author, index_, body in comments:
        parent = None
        if author == arta and index_ == 0:
            parent = Comment.objects.filter(priority=priorities[0], author=besnik).first()
        Comment.objects.get_or_create(
            priority=priorities[index_], author=author, body=body, defaults={"parent": parent}
        )
    log("1 open consultation (Durrës, 2027) with supports and comments")
    finalised_for_endorsement(log, index, municipalities["tirane"], election_2027, by_sector)
    return contract


def finalised_for_endorsement(log, index, municipality, election, by_sector):
    """Tiranë, 2027: a contract finalised a few days ago (relative to today)
    whose candidates can sign it now: the demo candidate's journey."""
    today = timezone.localdate()
    contract, _ = SocialContract.objects.update_or_create(
        municipality=municipality,
        election=election,
        defaults={
            "opens_at": tirane_midnight(today - datetime.timedelta(days=60)),
            "closes_at": tirane_midnight(today - datetime.timedelta(days=10)),
            "finalised_at": tirane_midnight(today - datetime.timedelta(days=3)),
            "endorsement_deadline": election.date - datetime.timedelta(days=14),
            "max_supports": 3,
            "residents_only": True,
            "opening_announced_at": tirane_midnight(today - datetime.timedelta(days=60)),
        },
    )
    votes = [64, 51, 47, 40, 33, 29, 18]
    add_priorities(contract, [1, 4, 6, 0, 2, 7, 10], by_sector, votes, in_contract={1, 2, 3, 4, 5})
    publish_page(
        index,
        ConsultationPage,
        "tirane-2027",
        "Kontrata Sociale 2027 – Tiranë",
        "Social Contract 2027 – Tirana",
        "<p>Qytetarët e Tiranës zgjodhën prioritetet; kandidatët për kryetar mund ta "
        "nënshkruajnë kontratën deri para zgjedhjeve të 2027.</p>",
        "<p>The citizens of Tirana chose the priorities; mayoral candidates can sign the "
        "contract until the 2027 elections.</p>",
        contract=contract,
    )
    log("1 finalised Social Contract open for signatures (Tiranë, 2027)")
    return contract

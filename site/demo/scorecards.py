"""Demo monitoring: the 2019 local elections' Social Contracts and the
network's assessment rounds over the 2019–2023 mandate, and the first round
of the 2023 contracts; the scorecard pages and the municipalities' index
(the municipality and priority pages) in Albanian and English.

The rounds are chosen so that the scorecards, computed from these
assessments, give the results the network published: after the first year
in the 9 municipalities monitored from 2019, and over the whole mandate in
all 12 (Elbasan, Korçë and Vau i Dejës joined in 2021). No figure is stored:
the pages and the tests compute them. The texts are in
`content/scorecards.toml`. Safe to run again."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from wagtail.models import Locale

from cms_pages.models import Election, HomePage
from consultations.models import Priority, SocialContract
from scorecards.models import (
    Assessment,
    AssessmentSource,
    MunicipalityIndexPage,
    MunicipalityScorecardPage,
    Release,
    ScorecardIndexPage,
    Status,
)

from .consultations import add_priorities, priorities, publish_texts, sectors, tirane_midnight
from .content import html, read, text
from .reference import translate

JOINED_2021 = ("elbasan", "korce", "vau-i-dejes")
# Priorities in each 2019 contract: 100 across the first nine, 100 across the
# three that joined in 2021 (theirs are drafted per area of the municipality).
FIRST_NINE_SIZES = [12, 11, 11, 11, 11, 11, 11, 11, 11]
JOINED_SIZES = [33, 33, 34]

FIRST_YEAR = datetime.date(2020, 12, 31)
SECOND_YEAR = datetime.date(2021, 12, 31)
THIRD_YEAR = datetime.date(2022, 12, 31)
FINAL_ROUND = datetime.date(2023, 4, 30)
FIRST_ROUND_2023 = datetime.date(2024, 12, 31)


def content():
    return read("scorecards")


def split(position, size, fully, addressed):
    """A status for each of `size` priorities, spread evenly rather than in
    blocks: the first `fully` of a permutation are fully addressed, the next
    up to `addressed` partially, the rest not."""
    step = next(n for n in range(size // 3, size) if _coprime(n, size))
    rank = (position * step) % size
    if rank < fully:
        return Status.FULLY
    if rank < addressed:
        return Status.PARTIALLY
    return Status.NOT


def _coprime(a, b):
    while b:
        a, b = b, a % b
    return a == 1


def contract_2019(municipality, election, by_sector, joined_later, size, number):
    if joined_later:
        opens, closes, finalised = (
            datetime.date(2021, 1, 15),
            datetime.date(2021, 2, 28),
            datetime.date(2021, 3, 15),
        )
    else:
        opens, closes, finalised = (
            datetime.date(2019, 4, 1),
            datetime.date(2019, 5, 31),
            datetime.date(2019, 6, 10),
        )
    contract, _ = SocialContract.objects.get_or_create(
        municipality=municipality,
        election=election,
        defaults={
            "opens_at": tirane_midnight(opens),
            "closes_at": tirane_midnight(closes),
            "finalised_at": tirane_midnight(finalised),
            "opening_announced_at": tirane_midnight(opens),
            "residents_only": True,
        },
    )
    catalogue = priorities()
    if size <= len(catalogue):
        chosen = [(number + step * 5) % len(catalogue) for step in range(size)]
        chosen = list(dict.fromkeys(chosen + list(range(len(catalogue)))))[:size]
        return add_priorities(
            contract, [catalogue[i] for i in chosen], by_sector, in_contract=range(1, size + 1)
        )
    return _area_priorities(contract, by_sector, size)


def _area_priorities(contract, by_sector, size):
    """The network's priorities drafted separately for each area (once)."""
    existing = list(Priority.objects.source().filter(contract=contract).order_by("order", "pk"))
    if existing:
        return existing
    albanian = Locale.objects.get(language_code="sq")
    english = Locale.objects.get(language_code="en")
    catalogue = priorities()
    areas = content()["area"]
    rows = []
    for order in range(1, size + 1):
        area = areas[(order - 1) // len(catalogue)]
        entry = catalogue[(order - 1) % len(catalogue)]
        sector = entry["sector"]
        priority, _ = Priority.objects.get_or_create(
            contract=contract,
            title=f"{text(entry['sq']['title'])} {text(area['sq'])}",
            locale=albanian,
            defaults={
                "description": text(entry["sq"]["description"]),
                "sector": by_sector[sector],
                "order": order,
                "in_contract": True,
            },
        )
        translate(
            priority,
            english,
            title=f"{text(entry['en']['title'])} {text(area['en'])}",
            description=text(entry["en"]["description"]),
            contract=contract,
            sector=by_sector[sector],
            order=order,
            in_contract=True,
        )
        rows.append(priority)
    return rows


def record(priority, as_of, status, monitor, editor, source_url, corrects=None):
    """A published assessment (once: an existing one for the same priority,
    date and correction is kept)."""
    assessment = Assessment.objects.filter(
        priority=priority, as_of=as_of, corrects=corrects
    ).first()
    if assessment is None:
        assessment = Assessment.objects.create(
            priority=priority,
            as_of=as_of,
            status=status,
            evidence=html(content()["evidence"][status]),
            corrects=corrects,
            author=monitor,
            published_by=editor,
            published_at=timezone.make_aware(
                datetime.datetime.combine(
                    as_of + datetime.timedelta(days=21 if corrects else 20), datetime.time(10)
                )
            ),
        )
        AssessmentSource.objects.create(
            assessment=assessment,
            title=text(content()["source"]["title"]).format(year=as_of.year),
            url=source_url,
        )
    return assessment


def load(log, municipalities, home=None):
    albanian = Locale.objects.get(language_code="sq")
    english = Locale.objects.get(language_code="en")
    by_sector = sectors()
    User = get_user_model()
    editor = User.objects.get(email="editor@pop.example")
    monitor = User.objects.get(email="monitor.durres@pop.example")
    election_2019 = Election.objects.get(locale=albanian, date=datetime.date(2019, 6, 30))

    first_nine = [slug for slug in sorted(municipalities) if slug not in JOINED_2021]
    sizes = dict(zip(first_nine, FIRST_NINE_SIZES, strict=True))
    sizes.update(zip(JOINED_2021, JOINED_SIZES, strict=True))
    early, joined = [], []
    for number, slug in enumerate([*first_nine, *JOINED_2021]):
        rows = contract_2019(
            municipalities[slug],
            election_2019,
            by_sector,
            slug in JOINED_2021,
            sizes[slug],
            number,
        )
        (joined if slug in JOINED_2021 else early).extend((slug, p) for p in rows)

    # Over the mandate: 17 / 58 / 25 (of 100) after the first year in the
    # first nine; 61 / 88 / 51 (of 200) at the end in all twelve.
    every = early + joined
    for position, (slug, priority) in enumerate(every):
        url = f"https://vendime.example.org/{slug}/"
        final = split(position, len(every), 61, 149)
        if position < len(early):
            first = split(position, len(early), 17, 75)
            record(priority, FIRST_YEAR, first, monitor, editor, url)
            second = final if position % 2 else first
        else:
            second = Status.NOT if position % 2 else final
        record(priority, SECOND_YEAR, second, monitor, editor, url)
        record(priority, THIRD_YEAR, final if position % 3 else second, monitor, editor, url)
        if position % 40 == 7:
            # An assessment published with a mistake, then corrected.
            wrong = Status.NOT if final != Status.NOT else Status.FULLY
            mistaken = record(priority, FINAL_ROUND, wrong, monitor, editor, url)
            record(priority, FINAL_ROUND, final, monitor, editor, url, corrects=mistaken)
        else:
            record(priority, FINAL_ROUND, final, monitor, editor, url)
    log(f"2019 Social Contracts in {len(municipalities)} municipalities, four rounds assessed")

    # The 2023 contracts, in their first monitoring round.
    current = (
        Priority.objects.source()
        .filter(in_contract=True, contract__election__date=datetime.date(2023, 5, 14))
        .order_by("contract__municipality__slug", "order")
    )
    for position, priority in enumerate(current):
        status = [Status.PARTIALLY, Status.NOT, Status.NOT, Status.FULLY][position % 4]
        url = f"https://vendime.example.org/{priority.contract.municipality.slug}/"
        record(priority, FIRST_ROUND_2023, status, monitor, editor, url)
    log("2023 Social Contracts: the first monitoring round")

    home = home or HomePage.objects.get(locale=albanian, depth=2)
    texts = content()
    index = publish_texts(
        home, ScorecardIndexPage, texts["index"]["slug"], texts["index"], show_in_menus=True
    )
    for slug, municipality in sorted(municipalities.items()):
        names = {"sq": municipality.name, "en": municipality.get_translation(english).name}
        publish_texts(
            index,
            MunicipalityScorecardPage,
            slug,
            texts["municipality_page"],
            names=names,
            municipality=municipality,
        )
    log(f"Scorecard pages: the network and {len(municipalities)} municipalities, sq and en")
    publish_texts(
        home,
        MunicipalityIndexPage,
        texts["thread_index"]["slug"],
        texts["thread_index"],
        show_in_menus=True,
    )
    log("Municipality pages: the index of municipalities, sq and en")
    freeze_releases(editor, election_2019)
    return index


#: The network's two published results, frozen from the assessments above.
RELEASES = [
    (
        "mandati-2019-2023-viti-1",
        FIRST_YEAR,
        {
            "sq": "Viti i parë i mandatit 2019–2023, më 31 dhjetor 2020",
            "en": "Year 1 of the 2019–2023 mandate, as of 2020-12-31",
        },
    ),
    (
        "mandati-2019-2023",
        datetime.date(2023, 5, 14),
        {
            "sq": "Fundi i mandatit 2019–2023",
            "en": "The end of the 2019–2023 mandate",
        },
    ),
]


def freeze_releases(editor, election):
    """The published results as citable releases (once each): the figures
    computed by freezing, never typed."""
    for slug, as_of, titles in RELEASES:
        if not Release.objects.filter(slug=slug).exists():
            Release.objects.freeze(editor, election, as_of, titles, slug=slug)

"""Demo consultations: for the 2023 local elections, a finalised Social
Contract in every municipality (8–12 priorities, in Albanian and English);
and one consultation open now, in Durrës for the 2027 elections, with
supports and comments from the demo citizens. What they say is in
`content/consultations.toml`. Safe to run again."""

import datetime
import zoneinfo

from django.contrib.auth import get_user_model
from django.utils import timezone

from wagtail.models import Locale

from cms_pages.models import Election, HomePage
from consultations.models import (
    Comment,
    CommentState,
    ConsultationIndexPage,
    ConsultationPage,
    Priority,
    Sector,
    SocialContract,
    Vote,
)

from .content import html, read, text
from .reference import translate

TIRANE = zoneinfo.ZoneInfo("Europe/Tirane")


def content():
    return read("consultations")


def priorities():
    """The priorities the contracts are made of, in the file's order."""
    return content()["priority"]


def by_key(keys):
    entries = {entry["key"]: entry for entry in priorities()}
    return [entries[key] for key in keys]


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
    for entry in content()["sector"]:
        slug = entry["slug"]
        sector, _ = Sector.objects.get_or_create(
            slug=slug, locale=albanian, defaults={"name": text(entry["name"]["sq"])}
        )
        translate(sector, english, name=text(entry["name"]["en"]))
        result[slug] = sector
    return result


def add_priorities(contract, chosen, by_sector, votes=None, in_contract=()):
    """The `chosen` priorities (entries of `priorities()`) in `contract`, in
    that order, in Albanian and English; a contract that has priorities
    keeps them as editors left them."""
    existing = list(Priority.objects.source().filter(contract=contract).order_by("order", "pk"))
    if existing:
        return existing
    albanian = Locale.objects.get(language_code="sq")
    english = Locale.objects.get(language_code="en")
    rows = []
    for order, entry in enumerate(chosen, start=1):
        sector = entry["sector"]
        priority, _ = Priority.objects.get_or_create(
            contract=contract,
            title=text(entry["sq"]["title"]),
            locale=albanian,
            defaults={
                "description": text(entry["sq"]["description"]),
                "sector": by_sector[sector],
                "order": order,
                "in_contract": order in in_contract,
            },
        )
        translate(
            priority,
            english,
            title=text(entry["en"]["title"]),
            description=text(entry["en"]["description"]),
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
            Priority.objects.filter(pk=priority.pk).add_to_counts(supports=votes[order - 1])
        rows.append(priority)
    return rows


def publish_texts(parent, page_class, slug, texts, names=None, **fields):
    """`publish_page` with the title and intro of `texts` (sq and en), where
    {municipality} is `names`' name in each language."""
    names = names or {"sq": "", "en": ""}
    return publish_page(
        parent,
        page_class,
        slug,
        text(texts["sq"]["title"]).format(municipality=names["sq"]),
        text(texts["en"]["title"]).format(municipality=names["en"]),
        html(texts["sq"]["intro"]),
        html(texts["en"]["intro"]),
        slug_en=texts["en"].get("slug"),
        **fields,
    )


def load(log, municipalities, home=None):
    albanian = Locale.objects.get(language_code="sq")
    english = Locale.objects.get(language_code="en")
    texts = content()
    by_sector = sectors()
    home = home or HomePage.objects.get(locale=albanian, depth=2)
    index = publish_texts(
        home, ConsultationIndexPage, texts["index"]["slug"], texts["index"], show_in_menus=True
    )

    catalogue = priorities()
    held = texts["contracts_2023"]
    election_2023 = Election.objects.get(locale=albanian, date=held["election"])
    for number, (slug, municipality) in enumerate(sorted(municipalities.items())):
        count = 8 + number % 5  # 8 to 12 priorities
        chosen = [(number + step * 5) % len(catalogue) for step in range(count)]
        chosen = list(dict.fromkeys(chosen + list(range(len(catalogue)))))[:count]
        votes = [12 + (number * 17 + i * 29) % 79 for i in range(count)]
        ranked = sorted(range(1, count + 1), key=lambda o: -votes[o - 1])
        contract, _ = SocialContract.objects.get_or_create(
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
        add_priorities(
            contract,
            [catalogue[i] for i in chosen],
            by_sector,
            votes,
            in_contract=set(ranked[:6]),
        )
        names = {"sq": municipality.name, "en": municipality.get_translation(english).name}
        publish_texts(index, ConsultationPage, f"{slug}-2023", held, names=names, contract=contract)
    log(f"{len(municipalities)} finalised Social Contracts for 2023, in Albanian and English")

    # One consultation open now: Durrës, for the 2027 local elections.
    upcoming = texts["election_2027"]
    election_2027, _ = Election.objects.get_or_create(
        date=upcoming["date"], locale=albanian, defaults={"name": text(upcoming["name"]["sq"])}
    )
    translate(election_2027, english, name=text(upcoming["name"]["en"]))
    today = timezone.localdate()
    open_2027 = texts["open_2027"]
    durres = municipalities[open_2027["municipality"]]
    contract, new_contract = SocialContract.objects.get_or_create(
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
    chosen = by_key(open_2027["priorities"])
    priorities_2027 = add_priorities(contract, chosen, by_sector)
    publish_texts(index, ConsultationPage, open_2027["slug"], open_2027, contract=contract)

    User = get_user_model()
    arta = User.objects.get(email="arta@pop.example")
    besnik = User.objects.get(email="besnik@pop.example")
    voters = [arta, besnik]
    residents = texts["voters"]
    for n in range(1, residents["count"] + 1):
        voter, created = User.objects.get_or_create(
            email=residents["email"].format(n=n),
            defaults={
                "display_name": residents["display_name"].format(n=n),
                "municipality": durres,
            },
        )
        if created:
            voter.set_unusable_password()
            voter.save()
        voters.append(voter)
    for n, voter in enumerate(voters if new_contract else []):
        # Once: supports withdrawn since are not given back.
        for priority in priorities_2027[n % 3 : n % 3 + (1 if voter in (arta, besnik) else 3)]:
            _vote, created = Vote.objects.get_or_create(citizen=voter, priority=priority)
            if created:
                Priority.objects.filter(pk=priority.pk).add_to_counts(supports=1)

    place = {
        entry["key"]: priority for entry, priority in zip(chosen, priorities_2027, strict=True)
    }
    for entry in texts["comment"]:
        author = User.objects.get(email=entry["author"])
        priority = place[entry["priority"]]
        parent = None
        if "reply_to" in entry:
            parent = Comment.objects.filter(
                priority=priority, author__email=entry["reply_to"]
            ).first()
        comment, created = Comment.objects.get_or_create(
            priority=priority, author=author, body=text(entry["body"]), defaults={"parent": parent}
        )
        if created and comment.state == CommentState.VISIBLE:
            Priority.objects.filter(pk=priority.pk).add_to_counts(comments=1)
    log("1 open consultation (Durrës, 2027) with supports and comments")
    signing = texts["signing_2027"]
    municipality = municipalities[signing["municipality"]]
    finalised_for_endorsement(log, index, municipality, election_2027, by_sector, signing)
    return contract


def finalised_for_endorsement(log, index, municipality, election, by_sector, texts):
    """Tiranë, 2027: a contract finalised a few days ago (relative to today)
    whose candidates can sign it now: the demo candidate's journey."""
    today = timezone.localdate()
    contract, _ = SocialContract.objects.get_or_create(
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
    chosen = by_key(texts["priorities"])
    add_priorities(contract, chosen, by_sector, votes, in_contract={1, 2, 3, 4, 5})
    publish_texts(index, ConsultationPage, texts["slug"], texts, contract=contract)
    log("1 finalised Social Contract open for signatures (Tiranë, 2027)")
    return contract

"""Demo forum pages: the index, the 16 public forums held before the local
elections of 14 May 2023 (one in each of the 12 municipalities and a second
one in Tirana, Durrës, Elbasan and Shkodra), and one forum ahead, in Durrës
for the 2027 elections, three weeks after the day the demo is loaded, with
questions from the demo citizens (approved and upvoted, one waiting for a
moderator). What they say is in `content/forum_pages.toml`. Safe to run
again."""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from wagtail.models import Locale

from cms_pages.models import Election, HomePage, PartnerOrganisation
from consultations.models import Priority, SocialContract
from forums.models import ForumIndexPage, ForumPage, Question, QuestionState, Upvote

from .cms import ensure_page, ensure_translation
from .consultations import TIRANE
from .content import html, read, text


def content():
    return read("forum_pages")


def _agenda(starts_at, language):
    items = []
    for item in content()["agenda"]:
        moment = starts_at + datetime.timedelta(minutes=item["minutes"])
        items.append(
            (
                "item",
                {
                    "time": moment.timetz().replace(tzinfo=None),
                    "title": text(item["title"][language]),
                    "speakers": "",
                    "description": "",
                },
            )
        )
    return items


def _publish_forum(index, en, slug, sq_fields, en_fields, partners):
    """The Albanian forum page and its real English translation, published
    if missing; existing pages are left as editors made them."""
    page = ForumPage.objects.child_of(index).filter(slug=slug).first()
    if page is None:
        page = ForumPage(slug=slug, **sq_fields)
        index.add_child(instance=page)
        page.partners.set(partners)
        page.save_revision().publish()
    translation = page.get_translation_or_none(en)
    if translation is None or translation.alias_of_id is not None:
        translation = ensure_translation(page, en, **en_fields)
    return page


def load(log, municipalities):
    sq = Locale.objects.get(language_code="sq")
    en = Locale.objects.get(language_code="en")
    home = HomePage.objects.get(locale=sq, depth=2)
    texts = content()
    index_texts = texts["index"]
    index, _ = ensure_page(
        home,
        ForumIndexPage,
        index_texts["slug"],
        title=text(index_texts["sq"]["title"]),
        show_in_menus=index_texts["show_in_menus"],
        intro=text(index_texts["sq"]["intro"]),
    )
    ensure_translation(
        index,
        en,
        title=text(index_texts["en"]["title"]),
        slug=index_texts["en"]["slug"],
        intro=text(index_texts["en"]["intro"]),
    )

    held = texts["forums_2023"]
    albanian, english = held["sq"], held["en"]
    election_2023 = Election.objects.get(locale=sq, date=held["election"])
    seen = set()
    for forum in texts["forum_2023"]:
        slug = forum["municipality"]
        municipality = municipalities[slug]
        name_en = municipality.get_translation(en).name
        second = slug in seen
        seen.add(slug)
        starts_at = forum["starts_at"].replace(tzinfo=TIRANE)
        partners = list(PartnerOrganisation.objects.filter(municipality=municipality, locale=sq))
        organiser = partners[0].name if partners else held["organiser"]
        contract = SocialContract.objects.get(municipality=municipality, election=election_2023)
        title = "second_title" if second else "title"
        in_albanian = {"municipality": municipality.name, "organiser": organiser}
        in_english = {"municipality": name_en, "organiser": organiser}
        _publish_forum(
            index,
            en,
            f"{slug}-2023{'-2' if second else ''}",
            {
                "title": text(albanian[title]).format(**in_albanian),
                "municipality": municipality,
                "election": election_2023,
                "contract": contract,
                "starts_at": starts_at,
                "ends_at": starts_at + datetime.timedelta(hours=2),
                "venue": text(forum["venue"]["sq"]),
                "address": text(forum["address"]),
                "latitude": forum["latitude"],
                "longitude": forum["longitude"],
                "moderator_name": text(albanian["moderator"]).format(**in_albanian),
                "intro": text(albanian["intro"]).format(**in_albanian),
                "agenda": _agenda(starts_at, "sq"),
                "outcome": html(albanian["outcome"]).format(**in_albanian),
            },
            {
                "title": text(english[title]).format(**in_english),
                "slug": f"{slug}-2023{'-2' if second else ''}",
                "venue": text(forum["venue"]["en"]),
                "intro": text(english["intro"]).format(**in_english),
                "agenda": _agenda(starts_at, "en"),
                "outcome": html(english["outcome"]).format(**in_english),
            },
            partners,
        )
    log(f"{len(texts['forum_2023'])} public forums before the local elections of 14 May 2023")

    # One forum ahead: Durrës, for the 2027 elections, three weeks from today.
    upcoming = texts["upcoming"]
    election_2027 = Election.objects.get(locale=sq, date=upcoming["election"])
    durres = municipalities[upcoming["municipality"]]
    contract = SocialContract.objects.get(municipality=durres, election=election_2027)
    day = timezone.localdate() + datetime.timedelta(days=upcoming["in_days"])
    starts_at = datetime.datetime.combine(day, upcoming["time"], tzinfo=TIRANE)
    partners = list(PartnerOrganisation.objects.filter(municipality=durres, locale=sq))
    forum = _publish_forum(
        index,
        en,
        upcoming["slug"],
        {
            "title": text(upcoming["sq"]["title"]),
            "municipality": durres,
            "election": election_2027,
            "contract": contract,
            "starts_at": starts_at,
            "ends_at": starts_at + datetime.timedelta(hours=2),
            "venue": text(upcoming["venue"]["sq"]),
            "address": text(upcoming["address"]),
            "latitude": upcoming["latitude"],
            "longitude": upcoming["longitude"],
            "moderator_name": text(upcoming["sq"]["moderator"]),
            "intro": text(upcoming["sq"]["intro"]),
            "agenda": _agenda(starts_at, "sq"),
        },
        {
            "title": text(upcoming["en"]["title"]),
            "slug": upcoming["slug"],
            "venue": text(upcoming["venue"]["en"]),
            "intro": text(upcoming["en"]["intro"]),
            "agenda": _agenda(starts_at, "en"),
        },
        partners,
    )

    User = get_user_model()
    people = {user.email: user for user in User.objects.filter(email__endswith="@pop.example")}
    priorities = list(Priority.objects.source().filter(contract=contract).order_by("order", "pk"))
    moderator = people.get("moderator@pop.example")
    for entry in texts["question"]:
        state = QuestionState(entry["state"])
        place = entry.get("priority")
        question, created = Question.objects.get_or_create(
            forum=forum,
            author=people[entry["author"]],
            text=text(entry["text"]),
            defaults={
                "state": state,
                "priority": priorities[place - 1] if place is not None else None,
                "moderated_by": moderator if state == QuestionState.APPROVED else None,
                "moderated_at": timezone.now() if state == QuestionState.APPROVED else None,
            },
        )
        for upvoter in entry["upvoted_by"] if created else []:
            # Once: an upvote taken back since is not given back.
            Upvote.objects.get_or_create(question=question, citizen=people[upvoter])
    log("1 upcoming forum (Durrës, 2027) with citizens' questions")
    return forum

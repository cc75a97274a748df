"""The staff desk on the admin dashboard: each role sees the work that is
theirs (and only that), with counts and links; a monitor sees only their
municipality; the dashboard's queries do not grow with the data; staff who
opt in get the same in a daily e-mail."""

import datetime

import pytest
from django_q.models import Schedule

from django.conf import settings
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.users.models import UserProfile
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationSource,
)
from wagtail_localize.operations import TranslationCreator

from cms_pages import desk
from consultations.desk import consultations_panel
from consultations.models import CommentState, PrioritySuggestion, Report

from ..accounts.factories import UserFactory
from ..consultations.factories import CommentFactory, SectorFactory, SocialContractFactory
from ..forums.factories import CandidacyFactory
from ..forums.forum_helpers import QuestionFactory, make_forum, make_index
from ..markup import soup
from ..scorecards.factories import (
    AssessmentFactory,
    FinalisedContractFactory,
    MonitoredPriorityFactory,
)
from .factories import MunicipalityFactory, StandardPageFactory

pytestmark = pytest.mark.django_db

DAY = datetime.timedelta(days=1)
DASHBOARD = "wagtailadmin_home"
ROUND_2021 = datetime.date(2021, 12, 31)


def panels(response):
    """`{panel key: [(label, count, href, note)]}` of the desk panels shown."""
    found = {}
    for section in soup(response).select("section.desk-panel"):
        rows = []
        for row in section.select("tr.desk-panel__row"):
            link = row.th.find("a")
            note = row.th.select_one(".help")
            rows.append(
                (
                    (link or row.th).get_text(" ", strip=True)
                    if link
                    else row.th.contents[0].strip(),
                    row.td.get_text(strip=True),
                    link["href"] if link else "",
                    note.get_text(" ", strip=True) if note else "",
                )
            )
        found[section["id"].removeprefix("desk-")] = rows
    return found


@pytest.fixture
def fier():
    return MunicipalityFactory(name="Fier", slug="fier")


@pytest.fixture
def world(home, municipality, fier):
    """Work waiting in every app: Durrës and Fier finalised contracts with
    draft rounds, reported and pending comments, a suggestion, consultations
    closed / opening / closing, forum questions and a candidacy request."""
    now = timezone.now()
    durres_contract = FinalisedContractFactory(municipality=municipality)
    fier_contract = FinalisedContractFactory(municipality=fier)
    durres = MonitoredPriorityFactory.create_batch(3, contract=durres_contract)
    fier_priority = MonitoredPriorityFactory(contract=fier_contract)
    AssessmentFactory(priority=durres[0], as_of=datetime.date(2020, 12, 31))
    for priority in durres[:2]:
        AssessmentFactory(priority=priority, as_of=ROUND_2021, published_at=None)
    AssessmentFactory(priority=fier_priority, as_of=ROUND_2021, published_at=None)

    closed = SocialContractFactory(phase="closed", municipality=MunicipalityFactory(name="Berat"))
    opening = SocialContractFactory(
        municipality=MunicipalityFactory(name="Korçë"),
        opens_at=now + 2 * DAY,
        closes_at=now + 40 * DAY,
    )
    closing = SocialContractFactory(
        municipality=MunicipalityFactory(name="Shkodër"),
        opens_at=now - 20 * DAY,
        closes_at=now + 3 * DAY,
    )
    SocialContractFactory(municipality=MunicipalityFactory(name="Vlorë"))  # open, not this week
    priority = MonitoredPriorityFactory(contract=closing, in_contract=False)
    reported = CommentFactory(priority=priority)
    Report.objects.create(comment=reported, reporter=UserFactory(), reason="Fyerje")
    CommentFactory.create_batch(2, priority=priority, state=CommentState.PENDING)
    CommentFactory(priority=priority)  # visible, nothing to do
    PrioritySuggestion.objects.create(
        contract=closing, author=UserFactory(), title="Një park i ri", description="Afër shkollës."
    )

    index = make_index(home)
    soon = make_forum(index, municipality, durres_contract.election, starts_at=now + 10 * DAY)
    later = make_forum(index, fier, fier_contract.election, starts_at=now + 60 * DAY)
    QuestionFactory(forum=soon)
    QuestionFactory(forum=soon)
    QuestionFactory(forum=soon, answered_at=now)
    QuestionFactory(forum=later)
    QuestionFactory(forum=soon, state="pending")
    QuestionFactory(forum=later, state="pending")
    CandidacyFactory(contract=durres_contract, status="requested", full_name="Elira Hoxha")
    return {
        "durres_contract": durres_contract,
        "fier_contract": fier_contract,
        "closed": closed,
        "opening": opening,
        "closing": closing,
        "soon": soon,
        "later": later,
    }


def staff(group, **fields):
    return UserFactory(verified=True, groups=[group], **fields)


def round_link(contract, day):
    return f"{reverse('scorecards_round')}?contract={contract.pk}&as_of={day.isoformat()}"


def test_a_moderator_sees_comments_and_questions_and_no_editor_panel(client, world):
    client.force_login(staff("Moderators"))
    shown = panels(client.get(reverse(DASHBOARD)))
    assert set(shown) == {"comments", "questions"}
    queue = reverse("consultations_moderation")
    assert shown["comments"] == [
        ("Komente të raportuara", "1", queue, ""),
        ("Komente që presin miratim", "2", queue, ""),
    ]
    questions = reverse("wagtailsnippets_forums_question:list")
    assert sorted(shown["questions"]) == sorted(
        [
            (world["soon"].title, "1", f"{questions}?state=pending&forum={world['soon'].pk}", ""),
            (world["later"].title, "1", f"{questions}?state=pending&forum={world['later'].pk}", ""),
        ]
    )


def test_an_editor_sees_the_editors_work(client, world):
    client.force_login(staff("Editors"))
    shown = panels(client.get(reverse(DASHBOARD)))
    assert {"comments", "questions", "suggestions", "consultations"} <= set(shown)
    assert {"candidacy-requests", "upcoming-forums", "assessment-drafts"} <= set(shown)
    assert "monitoring" not in shown
    # Drafts grouped per municipality and date, each linking to its round.
    durres, fier = world["durres_contract"], world["fier_contract"]
    assert [(label, count, href) for label, count, href, _note in shown["assessment-drafts"]] == [
        (str(durres), "2", round_link(durres, ROUND_2021)),
        (str(fier), "1", round_link(fier, ROUND_2021)),
    ]
    consultations = {label: (href, note) for label, _c, href, note in shown["consultations"]}
    assert set(consultations) == {str(world[k]) for k in ("closed", "opening", "closing")}
    finalise = reverse("consultations_finalise", args=[world["closed"].pk])
    assert consultations[str(world["closed"])][0] == finalise
    assert "finalizojeni" in consultations[str(world["closed"])][1]
    assert consultations[str(world["opening"])][1].startswith("Hapet më")
    assert consultations[str(world["closing"])][1].startswith("Mbyllet më")
    # Notes end once: an English date ending in "p.m." takes no second stop.
    with translation.override("en"):
        notes = [row.note for row in consultations_panel(staff("Editors"), timezone.now()).rows]
    assert notes and not any(note.endswith("..") for note in notes)
    assert [(label, count) for label, count, *_ in shown["suggestions"]] == [
        (f"{world['closing'].municipality} – {world['closing'].election}", "1")
    ]
    # Only the forum within 30 days; its answered question does not count.
    assert [(label, count) for label, count, *_ in shown["upcoming-forums"]] == [
        (world["soon"].title, "2")
    ]
    [request] = shown["candidacy-requests"]
    assert request[0] == "Elira Hoxha"
    assert request[2].startswith(reverse("forums_candidacy_manage", args=[1])[:-2])


@pytest.mark.parametrize("who", ["durres", "fier"])
def test_a_monitor_sees_only_their_municipality(client, world, municipality, fier, who):
    mine = {"durres": municipality, "fier": fier}[who]
    client.force_login(staff("Monitors", staff_municipality=mine))
    shown = panels(client.get(reverse(DASHBOARD)))
    assert set(shown) == {"monitoring"}
    contract = world[f"{who}_contract"]
    [(label, count, href, note)] = shown["monitoring"]
    assert label == str(contract)
    assert href == round_link(contract, timezone.localdate())
    if who == "durres":
        assert "Vlerësimi i fundit i publikuar: 31 dhjetor 2020." in note
    else:
        assert "Ende asnjë vlerësim i publikuar." in note
    assert "Asnjë vlerësim në gjashtë muajt e fundit." in note


def test_a_recent_assessment_is_not_flagged(client, world, municipality):
    priority = world["durres_contract"].priorities.first()
    AssessmentFactory(priority=priority, as_of=timezone.localdate() - 10 * DAY)
    client.force_login(staff("Monitors", staff_municipality=municipality))
    [(_label, _count, _href, note)] = panels(client.get(reverse(DASHBOARD)))["monitoring"]
    assert "gjashtë muajt" not in note


def test_a_translator_sees_translations_to_bring_up_to_date(client, home, en, world):
    client.force_login(staff("Translators"))
    source, _created = TranslationSource.get_or_create_from_instance(world["soon"])
    Translation.objects.create(source=source, target_locale=en)
    shown = panels(client.get(reverse(DASHBOARD)))
    assert set(shown) == {"translations", "untranslated-pages", "untranslated-records"}
    [(label, _count, href, note)] = shown["translations"]
    assert label == f"{world['soon'].title} (Anglisht)"
    assert note == "Ende pa përkthyer."
    assert href == reverse("wagtailadmin_pages:edit", args=[world["soon"].get_translation(en).pk])
    aliases = {label for label, *_ in shown["untranslated-pages"]}
    assert f"{world['later'].title} (Anglisht)" in aliases
    assert f"{home.title} (Anglisht)" in aliases


def test_a_translator_sees_records_without_their_english_row(client, en, municipality, fier):
    Municipality = type(municipality)
    municipality.copy_for_translation(en).save()
    SectorFactory(name="Ujësjellësi")
    client.force_login(staff("Translators"))
    rows = {
        label: (count, href)
        for label, count, href, _note in panels(client.get(reverse(DASHBOARD)))[
            "untranslated-records"
        ]
    }
    assert Municipality.objects.count() == 3  # Durrës in two languages, Fier in one
    assert rows["Bashkitë (Anglisht)"] == (
        "1",
        reverse("wagtailsnippets_cms_pages_municipality:list"),
    )
    assert rows["Sektorët (Anglisht)"][0] == "1"
    assert "Partitë (Anglisht)" not in rows  # none to translate


def test_nothing_waiting_says_so(client):
    client.force_login(staff("Moderators"))
    page = client.get(reverse(DASHBOARD))
    assert panels(page) == {"comments": [], "questions": []}
    assert "Asnjë koment nuk pret moderatorin." in page.content.decode()


@pytest.mark.parametrize("group", ["Editors", "Translators", "Monitors"])
def test_the_dashboard_queries_do_not_grow_with_the_data(
    client, world, municipality, en, django_assert_max_num_queries, group
):
    client.force_login(staff(group, staff_municipality=municipality))
    client.get(reverse(DASHBOARD))  # warm up what Wagtail caches per process

    with CaptureQueriesContext(connection) as small:
        client.get(reverse(DASHBOARD))
    # More of everything: rounds, comments, contracts, questions, requests,
    # translations and records to translate.
    for contract in FinalisedContractFactory.create_batch(3, municipality=municipality):
        for priority in MonitoredPriorityFactory.create_batch(2, contract=contract):
            AssessmentFactory(priority=priority, as_of=ROUND_2021, published_at=None)
    for comment in CommentFactory.create_batch(4, state=CommentState.PENDING):
        Report.objects.create(comment=comment, reporter=UserFactory(), reason="Fyerje")
    SocialContractFactory.create_batch(3, phase="closed")
    QuestionFactory.create_batch(3, forum=world["soon"])
    CandidacyFactory.create_batch(3, status="requested")
    for forum in (world["soon"], world["later"]):
        source, _created = TranslationSource.get_or_create_from_instance(forum)
        Translation.objects.create(source=source, target_locale=en)
    with django_assert_max_num_queries(len(small.captured_queries)):
        page = client.get(reverse(DASHBOARD))
    shown = panels(page)
    if group == "Editors":
        assert len(shown["assessment-drafts"]) == 5  # one row per contract and date
    elif group == "Translators":
        assert len(shown["translations"]) == 2
    else:
        assert len(shown["monitoring"]) == 4


def test_the_digest_goes_to_staff_who_opted_in(world):
    editor = staff("Editors", desk_digest=True)
    staff("Moderators")  # did not opt in
    translator = staff("Translators", desk_digest=True)
    profile = UserProfile.get_for_user(translator)
    profile.preferred_language = "en"
    profile.save()
    assert desk.send_digests() == 2
    by_address = {message.to[0]: message for message in mail.outbox}
    assert set(by_address) == {editor.email, translator.email}
    # In the admin's language of each: Albanian by default.
    message = by_address[editor.email]
    assert message.subject == "Çfarë ju pret në administrimin e POP"
    body = message.body
    assert "Vlerësime draft për t'u publikuar" in body
    assert f"- {world['durres_contract']}: 2" in body
    assert f"- {world['fier_contract']}: 1" in body
    assert "Komente të raportuara: 1" in body
    assert (
        f"{settings.WAGTAILADMIN_BASE_URL}{round_link(world['durres_contract'], ROUND_2021)}"
        in body
    )
    assert "Translations to bring up to date" not in body
    english = by_address[translator.email]
    assert english.subject == "Waiting for you in the POP admin"
    assert "Pages not yet translated" in english.body
    assert f"{world['soon'].title} (English)" in english.body
    assert "Draft assessments" not in english.body


def test_no_digest_when_nothing_waits():
    staff("Moderators", desk_digest=True)
    assert desk.send_digests() == 0
    assert mail.outbox == []


def test_the_digest_is_scheduled_once():
    schedules = Schedule.objects.filter(func="cms_pages.desk.send_digests")
    assert schedules.count() == 1
    assert schedules.get().schedule_type == Schedule.DAILY


def test_staff_opt_in_from_their_account_page(client):
    editor = staff("Editors")
    client.force_login(editor)
    page = client.get(reverse("wagtailadmin_account"))
    assert 'name="desk_digest-desk_digest"' in page.content.decode()


def submit_translation(instance, locale, django_capture_on_commit_callbacks):
    """What "Translate" in the admin does: the translation record, and the
    target written with the original text (published, for a page)."""
    with django_capture_on_commit_callbacks(execute=True):
        TranslationCreator(None, [locale]).create_translations(instance)
    return Translation.objects.get(
        source=TranslationSource.objects.get_for_instance(instance), target_locale=locale
    )


def translate_everything(translation, django_capture_on_commit_callbacks):
    """A translator fills in every string and publishes the translation."""
    for segment in StringSegment.objects.filter(source=translation.source):
        StringTranslation.objects.get_or_create(
            translation_of=segment.string,
            context=segment.context,
            locale=translation.target_locale,
            defaults={"data": f"{segment.string.data} (EN)", "translation_type": "manual"},
        )
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)


def translation_rows(client):
    return {
        label: (href, note)
        for label, _count, href, note in panels(client.get(reverse(DASHBOARD)))["translations"]
    }


def test_a_page_translated_and_published_leaves_the_panel_until_the_original_changes(
    client, home, en, django_capture_on_commit_callbacks
):
    page = StandardPageFactory(parent=home, title="Programi ynë")
    translation = submit_translation(page, en, django_capture_on_commit_callbacks)
    client.force_login(staff("Translators"))
    target = page.get_translation(en)
    total = StringSegment.objects.filter(source=translation.source).count()
    assert total > 1
    assert translation_rows(client) == {
        "Programi ynë (Anglisht)": (
            reverse("wagtailadmin_pages:edit", args=[target.pk]),
            f"{total} tekste nga {total} ende pa përkthyer.",
        )
    }

    translate_everything(translation, django_capture_on_commit_callbacks)
    assert translation_rows(client) == {}

    # The original is edited and published again: synchronise first.
    page.intro = "Një hyrje e re."
    page.save_revision().publish()
    assert translation_rows(client) == {
        "Programi ynë (Anglisht)": (
            reverse("wagtail_localize:update_translations", args=[translation.source.pk]),
            "Origjinali ka ndryshuar: sinkronizoni përkthimin.",
        )
    }

    # Synchronised: the new introduction waits for its translation.
    translation.source.update_from_db()
    assert translation_rows(client) == {
        "Programi ynë (Anglisht)": (
            reverse("wagtailadmin_pages:edit", args=[target.pk]),
            f"1 tekst nga {total} ende pa përkthyer.",
        )
    }
    translate_everything(translation, django_capture_on_commit_callbacks)
    assert translation_rows(client) == {}


def test_a_page_translation_saved_as_a_draft_still_waits(
    client, home, en, django_capture_on_commit_callbacks
):
    page = StandardPageFactory(parent=home, title="Programi ynë")
    translation = submit_translation(page, en, django_capture_on_commit_callbacks)
    translate_everything(translation, django_capture_on_commit_callbacks)
    translation.source.update_from_db()  # synchronised, nothing new to translate
    client.force_login(staff("Translators"))
    [(_href, note)] = translation_rows(client).values()
    assert note == "U sinkronizua, por ende nuk është hedhur në përkthim."
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=False)  # a draft: visitors still read the old text
    [(_href, note)] = translation_rows(client).values()
    assert note == "U sinkronizua, por ende nuk është hedhur në përkthim."
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=True)
    assert translation_rows(client) == {}


def test_a_page_translated_but_never_published_waits(
    client, home, en, django_capture_on_commit_callbacks
):
    page = StandardPageFactory(parent=home, title="Programi ynë", live=False)
    translation = submit_translation(page, en, django_capture_on_commit_callbacks)
    for segment in StringSegment.objects.filter(source=translation.source):
        StringTranslation.objects.create(
            translation_of=segment.string,
            context=segment.context,
            locale=en,
            data=f"{segment.string.data} (EN)",
            translation_type="manual",
        )
    with django_capture_on_commit_callbacks(execute=True):
        translation.save_target(publish=False)
    client.force_login(staff("Translators"))
    assert translation_rows(client) == {
        "Programi ynë (Anglisht)": (
            reverse("wagtailadmin_pages:edit", args=[page.get_translation(en).pk]),
            "Përkthyer, por ende pa u publikuar.",
        )
    }


def test_a_record_edited_and_synchronised_waits_for_its_new_text(
    client, en, municipality, django_capture_on_commit_callbacks
):
    translation = submit_translation(municipality, en, django_capture_on_commit_callbacks)
    target = municipality.get_translation(en)
    edit = reverse("wagtailsnippets_cms_pages_municipality:edit", args=[target.pk])
    client.force_login(staff("Translators"))
    assert translation_rows(client) == {
        "Durrës (Anglisht)": (edit, "1 tekst nga 1 ende pa përkthyer.")
    }

    translate_everything(translation, django_capture_on_commit_callbacks)
    assert translation_rows(client) == {}

    municipality.name = "Durrësi"
    municipality.save()
    translation.source.update_from_db()
    assert translation_rows(client) == {
        "Durrësi (Anglisht)": (edit, "1 tekst nga 1 ende pa përkthyer.")
    }

    translate_everything(translation, django_capture_on_commit_callbacks)
    assert translation_rows(client) == {}
    # Synchronised again with no new text: the record still has to be saved
    # from the source before it is up to date.
    translation.source.update_from_db()
    assert translation_rows(client) == {
        "Durrësi (Anglisht)": (edit, "U sinkronizua, por ende nuk është hedhur në përkthim.")
    }

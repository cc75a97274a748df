"""The demo forums: 16 held before the 2023 elections, in Albanian and
English, and one ahead in Durrës with citizens' questions; loading twice
changes nothing."""

import datetime

from django.utils import timezone

from forums.models import ForumIndexPage, ForumPage, Question, QuestionState, Upvote


def test_demo_forums_are_complete_and_bilingual(client, demo, sq, en):

    albanian = ForumPage.objects.filter(locale=sq).select_related("election", "municipality")
    held = [page for page in albanian if page.election.date == datetime.date(2023, 5, 14)]
    assert len(held) == 16
    assert len({page.municipality_id for page in held}) == 12
    assert all(page.starts_at.date() < datetime.date(2023, 5, 14) for page in held)
    assert all(page.contract_id and page.outcome for page in held)

    (upcoming,) = [page for page in albanian if page.is_upcoming()]
    assert upcoming.municipality.slug == "durres"
    assert upcoming.election.date.year == 2027
    assert timezone.now() + datetime.timedelta(days=14) < upcoming.starts_at
    questions = Question.objects.filter(forum=upcoming)
    assert questions.filter(state=QuestionState.APPROVED).count() >= 3
    assert questions.filter(state=QuestionState.PENDING).count() == 1
    assert Upvote.objects.filter(question__forum=upcoming, citizen__email="arta@pop.example")
    assert Upvote.objects.filter(question__forum=upcoming, citizen__email="besnik@pop.example")

    for page in [*held[:2], upcoming]:
        translation = page.get_translation(en)
        assert translation.alias_of_id is None
        assert translation.title != page.title
        assert client.get(page.url).status_code == 200
        assert client.get(translation.url).status_code == 200
    index = ForumIndexPage.objects.get(locale=sq)
    html = client.get(index.get_translation(en).url).content.decode()
    assert upcoming.get_translation(en).title in html
    home_html = client.get("/en/").content.decode()
    assert upcoming.get_translation(en).title in home_html

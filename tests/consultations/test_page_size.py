"""The consultation at national scale: a signed-in citizen's page stays
small however many priorities and comments there are (the 900 priorities
are paged, each priority's discussion shows its latest threads and their
latest replies), and everything still works from any page, without
JavaScript: the supports counter, supporting, commenting, a refused comment
kept beside its form. The print version and the download list everything."""

import datetime
import re

import pytest

from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from consultations.models import Comment, Priority, Vote

from ..accounts.factories import UserFactory
from ..markup import soup
from .factories import CommentFactory, SectorFactory, SocialContractFactory, VoteFactory

pytestmark = pytest.mark.django_db

# As long as the benchmark's: a title of a few words, a description of thirty.
TITLE = "përmirësimi i shërbimeve publike në lagje"
DESCRIPTION = (
    "Rikonstruksioni i rrugëve të lagjes dhe ndriçimi publik, që banorët të lëvizin "
    "të sigurt natën; me trotuare për këmbësorët dhe rampa për karrocat e fëmijëve "
    "dhe për njerëzit me aftësi të kufizuara."
)
# A comment of some twenty-five words.
BODY = (
    "Në lagjen tonë uji mungon çdo pasdite dhe rruga për në shkollë nuk ka ndriçim; "
    "kjo duhet të jetë e para në listë, se fëmijët ecin në errësirë."
)


def big_contract(municipality, count, sectors=8, **kwargs):
    """An open contract with `count` priorities in `sectors` sectors, in
    the network's order."""
    contract = SocialContractFactory(municipality=municipality, **kwargs)
    sector_rows = [SectorFactory() for _ in range(sectors)]
    Priority.objects.bulk_create(
        Priority(
            contract=contract,
            title=f"Prioriteti {n}: {TITLE}",
            description=DESCRIPTION,
            sector=sector_rows[n % sectors],
            order=n,
            locale=sector_rows[0].locale,
        )
        for n in range(count)
    )
    return contract, list(Priority.objects.filter(contract=contract).order_by("order", "pk"))


def discuss(priorities, per_priority, replies_per_thread, authors):
    """`per_priority` comments on each priority (one minute apart), and
    `replies_per_thread` replies under each of its three latest threads;
    the priorities count them as `Comment.objects.post` does."""
    start = timezone.now() - datetime.timedelta(days=60)
    minute = datetime.timedelta(minutes=1)
    Comment.objects.bulk_create(
        Comment(
            priority=priority,
            author=authors[n % len(authors)],
            body=BODY,
            created_at=start + n * minute,
        )
        for priority in priorities
        for n in range(per_priority)
    )
    replies = []
    for priority in priorities:
        for top in Comment.objects.filter(priority=priority).order_by("-created_at", "-pk")[:3]:
            replies += [
                Comment(
                    priority=priority,
                    parent=top,
                    author=authors[n % len(authors)],
                    body=BODY,
                    created_at=top.created_at + (n + 1) * datetime.timedelta(seconds=1),
                )
                for n in range(replies_per_thread)
            ]
    Comment.objects.bulk_create(replies)
    for priority in priorities:
        Priority.objects.filter(pk=priority.pk).add_to_counts(
            comments=Comment.objects.filter(priority=priority).count()
        )


def size(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return len(response.content), response


def test_the_900_priority_consultation_signed_in_is_at_most_150_kb(
    client, make_page, municipality, citizen
):
    contract, priorities = big_contract(municipality, 900)
    authors = UserFactory.create_batch(3, municipality=municipality)
    # Every priority of the first page discussed, as a busy consultation is.
    discuss(priorities[:30], per_priority=4, replies_per_thread=2, authors=authors)
    VoteFactory(priority=priorities[0], citizen=citizen)
    page = make_page(contract)
    client.force_login(citizen)
    first, response = size(client, page.url)
    shown = soup(response).select("li.priority")
    assert len(shown) == 30
    # The latest thread of each, with its newest reply.
    assert len(soup(response).select(".priority-list .comment")) == 30 * 2
    assert first <= 150_000, first
    # The last page, and a sector's, too.
    last, _ = size(client, f"{page.url}?page=30")
    sector, _ = size(client, f"{page.url}?sector={priorities[1].sector.slug}")
    assert last <= 150_000 and sector <= 150_000


@pytest.mark.parametrize("language", ["sq", "en"])
def test_20_priorities_with_many_comments_is_at_most_100_kb_whatever_their_number(
    client, make_page, municipality, citizen, language, en
):
    """The same page with 1,000 and with 20,000 comments (and their replies)
    weighs the same, within the digits of the counts."""
    authors = UserFactory.create_batch(5, municipality=municipality)
    client.force_login(citizen)
    sizes = []
    for per_priority, replies in ((50, 2), (1_000, 30)):
        contract, priorities = big_contract(municipality, 20)
        discuss(priorities, per_priority, replies, authors)
        VoteFactory(priority=priorities[0], citizen=citizen)
        page = make_page(contract)
        url = page.get_translation(en).url if language == "en" else page.url
        bytes_, response = size(client, url)
        document = soup(response)
        # The latest thread of each priority, with its newest reply.
        assert len(document.select("li.priority")) == 20
        assert len(document.select(".priority-list .comment")) == 20 * 2
        sizes.append(bytes_)
    assert Comment.objects.count() > 20_000
    assert sizes[1] <= 100_000, sizes
    assert abs(sizes[1] - sizes[0]) <= 2_000, sizes


def test_a_small_consultation_is_one_page(client, make_page, municipality, citizen):
    contract, _priorities = big_contract(municipality, 20)
    page = make_page(contract)
    client.force_login(citizen)
    document = soup(client.get(page.url))
    assert len(document.select("li.priority")) == 20
    assert document.select("nav.pagination") == []


def pager(document):
    return document.find("nav", class_="pagination")


def test_the_pager_keeps_the_order_and_the_sector(client, make_page, municipality):
    contract, priorities = big_contract(municipality, 180, sectors=2)
    page = make_page(contract)
    slug = priorities[0].sector.slug
    document = soup(client.get(f"{page.url}?sort=support&sector={slug}&page=2"))
    nav = pager(document)
    assert nav["aria-label"] == "Faqet e prioriteteve"
    assert "Faqja 2 nga 3" in nav.get_text(" ")  # 90 of the sector
    previous = nav.find("a", rel="prev")
    following = nav.find("a", rel="next")
    assert previous.get_text() == "Faqja e mëparshme"
    assert previous["href"] == f"{page.url}?sort=support&sector={slug}"
    assert following["href"] == f"{page.url}?page=3&sort=support&sector={slug}"
    current = nav.find("a", attrs={"aria-current": "page"})
    assert current.get_text(" ", strip=True) == "Faqja 2"
    shown = document.select("li.priority")
    assert len(shown) == 30
    assert {p.sector.slug for p in priorities if p.anchor in {li["id"] for li in shown}} == {slug}
    assert "Prioritetet 31–60 nga 90" in document.get_text(" ")
    # Choosing another order or sector starts from the first page.
    form = document.find("form", class_="consultation-filters")
    assert form.find("input", attrs={"name": "page"}) is None


@pytest.mark.parametrize(
    ("asked", "shown"), [("99", 3), ("0", 3), ("-1", 3), ("abc", 1), ("", 1), ("2.5", 1)]
)
def test_a_page_number_that_is_not_one_gives_the_first_or_the_last_page(
    client, make_page, municipality, asked, shown
):
    """As the discussion pages answer: never an error."""
    contract, _priorities = big_contract(municipality, 90)
    page = make_page(contract)
    response = client.get(f"{page.url}?page={asked}")
    assert response.status_code == 200
    assert f"Faqja {shown} nga 3" in pager(soup(response)).get_text(" ")


def test_the_supports_counter_is_the_whole_contracts_on_every_page(
    client, make_page, municipality, citizen
):
    contract, priorities = big_contract(municipality, 120)
    page = make_page(contract)
    client.force_login(citizen)
    VoteFactory(priority=priorities[0], citizen=citizen)
    VoteFactory(priority=priorities[70], citizen=citizen)
    for number in (1, 2, 3, 4):
        document = soup(client.get(f"{page.url}?page={number}"))
        summary = document.find(attrs={"data-supports-summary": True}).get_text(strip=True)
        assert summary == "Po mbështetni 2 nga 3 prioritetet që lejohen.", number
    third = soup(client.get(f"{page.url}?page=3"))
    supported = third.find(id=priorities[70].anchor).find("form", attrs={"data-support-form": True})
    assert "withdraw/" in supported["action"]
    # At the cap, every page's other buttons say why.
    VoteFactory(priority=priorities[40], citizen=citizen)
    fourth = soup(client.get(f"{page.url}?page=4"))
    button = fourth.find(id=priorities[100].anchor).find("form").button
    assert button.has_attr("disabled")
    note = fourth.find(id=button["aria-describedby"])
    assert "tërhiqni" in note.get_text() and not note.has_attr("hidden")


def test_supporting_from_page_3_comes_back_to_page_3(client, make_page, municipality, citizen):
    contract, priorities = big_contract(municipality, 120)
    page = make_page(contract)
    client.force_login(citizen)
    priority = priorities[70]
    form = soup(client.get(f"{page.url}?page=3&sort=network")).find(id=priority.anchor).find("form")
    assert form["action"] == f"{page.url}support/{priority.pk}/?page=3"
    response = client.post(form["action"])
    assert response["Location"] == f"{page.url}?page=3#{priority.anchor}"
    assert Vote.objects.filter(citizen=citizen, priority=priority).exists()
    back = soup(client.get(response["Location"])).find(id=priority.anchor).find("form")
    assert back["action"] == f"{page.url}withdraw/{priority.pk}/?page=3"
    response = client.post(back["action"])
    assert response["Location"] == f"{page.url}?page=3#{priority.anchor}"
    assert not Vote.objects.filter(citizen=citizen, priority=priority).exists()


def test_a_comment_from_page_2_without_javascript_comes_back_there(
    client, make_page, municipality, citizen
):
    contract, priorities = big_contract(municipality, 90)
    page = make_page(contract)
    client.force_login(citizen)
    priority = priorities[40]
    document = soup(client.get(f"{page.url}?page=2"))
    form = document.find("form", id=f"comment-form-{priority.pk}")
    assert form["action"] == f"{page.url}comment/{priority.pk}/?page=2#comment-form-{priority.pk}"
    box = form.find("textarea")
    assert document.find(id=box["aria-describedby"]).get_text().startswith("Komentet")
    response = client.post(form["action"].split("#")[0], {"body": "Dakord, me ngut."})
    comment = Comment.objects.get(priority=priority)
    assert response["Location"] == f"{page.url}?page=2#{comment.anchor}"
    assert (
        "Dakord, me ngut."
        in soup(client.get(response["Location"])).find(id=priority.anchor).get_text()
    )


def test_editing_and_reporting_from_page_2_come_back_there(
    client, make_page, municipality, citizen
):
    contract, priorities = big_contract(municipality, 90)
    page = make_page(contract)
    priority = priorities[40]
    own = CommentFactory(priority=priority, author=citizen, body="E imja.")
    # On a page of 30 priorities each shows its latest thread only.
    reported = priorities[41]
    other = CommentFactory(priority=reported, body="Reklamë.")
    client.force_login(citizen)
    document = soup(client.get(f"{page.url}?page=2"))
    listing = document.find(id=priority.anchor)

    edit = listing.find("a", string="Ndryshoni")["href"]
    assert edit == f"{page.url}comments/{own.pk}/edit/?page=2"
    form = soup(client.get(edit)).find("form", action=edit)
    assert form is not None
    response = client.post(edit, {"body": "E imja, e ndryshuar."})
    assert response["Location"] == f"{page.url}?page=2#{own.anchor}"
    own.refresh_from_db()
    assert own.body == "E imja, e ndryshuar."

    report = document.find(id=reported.anchor).find("a", href=re.compile(r"/report/"))["href"]
    assert report == f"{page.url}comments/{other.pk}/report/?page=2"
    assert soup(client.get(report)).find("form", action=report) is not None
    response = client.post(report, {"reason": "Reklamë"})
    assert response["Location"] == f"{page.url}?page=2#{reported.anchor}"
    assert other.reports.count() == 1
    assert "Faqja 2 nga 3" in pager(soup(client.get(response["Location"]))).get_text(" ")


@override_settings(CONSULTATIONS_COMMENTS_PER_MINUTE=1)
def test_a_refused_comment_on_page_2_keeps_its_text_beside_its_form(
    client, make_page, municipality, citizen
):
    contract, priorities = big_contract(municipality, 90)
    page = make_page(contract)
    client.force_login(citizen)
    client.post(f"{page.url}comment/{priorities[0].pk}/", {"body": "I pari."})
    priority = priorities[40]
    response = client.post(f"{page.url}comment/{priority.pk}/?page=2", {"body": "I dyti."})
    assert response.status_code == 429
    assert not Comment.objects.filter(priority=priority).exists()
    form = soup(response).find("form", id=f"comment-form-{priority.pk}")
    assert form.find_parent("details").has_attr("open")
    box = form.find("textarea")
    assert box.get_text() == "I dyti."
    error = form.find(class_="field__error")
    assert "minutë" in error.get_text() and error["id"] in box["aria-describedby"].split()
    assert "Faqja 2 nga 3" in pager(soup(response)).get_text(" ")


def test_a_contract_priority_on_another_page_is_linked_to_its_page(client, make_page, municipality):
    contract, priorities = big_contract(municipality, 90, phase="finalised")
    Priority.objects.filter(pk__in=[priorities[1].pk, priorities[70].pk]).update(in_contract=True)
    page = make_page(contract)
    links = soup(client.get(page.url)).select(".contract-list a")
    assert [a["href"] for a in links] == [
        f"{page.url}?page=1#{priorities[1].anchor}",
        f"{page.url}?page=3#{priorities[70].anchor}",
    ]


def test_the_print_version_and_the_download_list_every_priority(client, make_page, municipality):
    contract, priorities = big_contract(municipality, 120)
    page = make_page(contract)
    CommentFactory(priority=priorities[0], body="Një koment.")
    with CaptureQueriesContext(connection) as queries:
        printed = soup(client.get(f"{page.url}print/"))
    assert len(printed.select("tbody tr")) == 120
    # Counts only: the discussion is not read for the print version.
    assert not [q for q in queries.captured_queries if 'FROM "consultations_comment"' in q["sql"]]
    assert printed.select("tbody tr")[0].find_all("td")[3].get_text() == "1"
    rows = client.get(f"{page.url}results/").content.decode().strip().splitlines()
    assert len(rows) == 1 + 120


@pytest.mark.parametrize("language", ["sq", "en"])
def test_a_page_of_a_large_consultation_costs_the_same_queries_at_two_sizes(
    client, make_page, municipality, citizen, language, en
):
    """Page 2 of 90 and of 900 priorities, discussed: the same number of
    queries at both sizes, the one-page consultation's (see test_pages) and
    one more for the page's own slice of the list (the shared list keeps
    its order and first page; with the page cache on, both are kept)."""
    from .test_pages import CONSULTATION_QUERIES

    authors = UserFactory.create_batch(2, municipality=municipality)
    client.force_login(citizen)
    totals = []
    for count in (90, 900):
        contract, priorities = big_contract(municipality, count, max_supports=None)
        discuss(priorities[30:60], per_priority=4, replies_per_thread=3, authors=authors)
        VoteFactory(priority=priorities[40], citizen=citizen)
        page = make_page(contract)
        url = page.get_translation(en).url if language == "en" else page.url
        client.get(f"{url}?page=2")
        with CaptureQueriesContext(connection) as queries:
            response = client.get(f"{url}?page=2")
        assert response.status_code == 200
        ours = [q["sql"] for q in queries if 'FROM "consultations_' in q["sql"]]
        assert len(ours) == CONSULTATION_QUERIES[language] + 1, ours
        totals.append(len(queries))
        assert len(re.findall(r'class="comment comment--visible"', response.content.decode())) == (
            30 * 2
        )
    assert totals[0] == totals[1], totals


def test_a_threads_reply_link_opens_its_form_on_the_discussion_page(
    client, make_page, municipality, citizen
):
    contract, priorities = big_contract(municipality, 3)
    page = make_page(contract)
    top = Comment.objects.create(priority=priorities[0], author=UserFactory(), body=BODY)
    client.force_login(citizen)
    document = soup(client.get(page.url))
    assert document.find("form", id=f"reply-form-{top.pk}") is None
    link = document.find(id=top.anchor).find_parent("li").select_one(".reply-link a")
    assert link.get_text(" ", strip=True).startswith("Përgjigjuni")
    response = client.get(link["href"])
    form = soup(response).find("form", id=f"reply-form-{top.pk}")
    assert form.find_parent("details").has_attr("open")
    answer = client.post(
        form["action"].split("#")[0], {"body": "Po.", "parent": top.pk, "on": "discussion"}
    )
    assert Comment.objects.get(parent=top).body == "Po."
    assert "discussion/?page=1#comment-" in answer["Location"]


def test_a_long_comment_shows_its_beginning_and_links_to_the_whole(client, make_page, municipality):
    contract, priorities = big_contract(municipality, 3)
    page = make_page(contract)
    long_body = " ".join(["fjalë"] * 300) + " FUNDI"
    comment = Comment.objects.create(priority=priorities[0], author=UserFactory(), body=long_body)
    block = soup(client.get(page.url)).find(id=comment.anchor)
    shown = block.select_one(".comment__body").get_text()
    assert shown.endswith("…") and "FUNDI" not in shown and len(shown) <= 401
    link = block.select_one(".comment__more a")
    assert link["href"] == f"{page.url}priorities/{priorities[0].pk}/discussion/#{comment.anchor}"
    whole = soup(client.get(link["href"])).find(id=comment.anchor)
    assert "FUNDI" in whole.select_one(".comment__body").get_text()

"""The demo's texts are data (site/demo/content/*.toml): every page and row
the files describe is loaded, in Albanian and English, with the files'
wrapped lines read as plain paragraphs."""

import datetime

from cms_pages.models import NewsPage, PartnerOrganisation, ProgrammePage, StandardPage
from demo.content import paragraphs, read, text
from forums.models import Candidacy, ForumPage


def test_every_programme_in_the_file_is_a_page_in_both_languages(demo, sq, en):
    programmes = read("cms")["programme"]

    assert ProgrammePage.objects.filter(locale=sq).count() == len(programmes)
    for entry in programmes:
        page = ProgrammePage.objects.get(locale=sq, slug=entry["slug"])
        english = page.get_translation(en).specific
        assert page.title == text(entry["sq"]["title"])
        assert english.slug == entry["en"]["slug"]
        assert english.intro == text(entry["en"]["intro"])
        assert "\n" not in english.intro
        assert [block.value["text"] for block in english.objectives] == paragraphs(
            entry["en"]["objectives"]
        )
        assert page.target_groups.splitlines() == entry["sq"]["target_groups"].strip().split("\n")


def test_every_news_item_in_the_file_is_a_page_in_both_languages(demo, sq, en):
    items = read("cms")["news_item"]

    for entry in items:
        page = NewsPage.objects.get(locale=sq, slug=entry["slug"])
        english = page.get_translation(en).specific
        assert page.date == entry["date"]
        assert english.title == text(entry["en"]["title"])
        assert english.body[0].value.source == f"<p>{text(entry['en']['body'])}</p>"
        assert sorted(page.tags.names()) == sorted(entry["tags"])


def test_the_about_page_has_the_files_blocks(demo, sq, en):
    about = read("cms")["about"]
    page = StandardPage.objects.get(locale=sq, slug=about["slug"]).get_translation(en).specific

    assert [block.block_type for block in page.body] == ["heading", "paragraph", "quote"]
    assert page.body[1].value.source == "".join(
        f"<p>{paragraph}</p>" for paragraph in paragraphs(about["en"]["body"][1]["paragraphs"])
    )
    assert page.body[2].value["attribution"] == "POP Network"


def test_the_reference_data_and_the_candidates_come_from_their_files(demo, sq, en):
    reference = read("reference")
    forums = read("forums")

    for entry in reference["partner"]:
        partner = PartnerOrganisation.objects.get(locale=sq, name=text(entry["name"]["sq"]))
        assert partner.municipality.slug == entry["municipality"]
        assert partner.get_translation(en).name == text(entry["name"]["en"])
    for slug, candidates in forums["candidates_2023"].items():
        names = Candidacy.objects.filter(
            municipality__slug=slug, election__date=datetime.date(2023, 5, 14)
        ).values_list("full_name", flat=True)
        assert sorted(names) == sorted(entry["name"] for entry in candidates)


def test_every_forum_in_the_file_is_a_page(demo, sq):
    forums = read("forum_pages")

    held = ForumPage.objects.filter(locale=sq, election__date=forums["forums_2023"]["election"])
    assert held.count() == len(forums["forum_2023"])
    assert ForumPage.objects.filter(locale=sq, slug=forums["upcoming"]["slug"]).exists()

"""The demo's editorial texts are data (site/demo/content/cms.toml): every
page the file describes is loaded, in Albanian and English, with the file's
wrapped lines read as plain paragraphs."""

from cms_pages.models import NewsPage, ProgrammePage, StandardPage
from demo.content import paragraphs, read, text


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

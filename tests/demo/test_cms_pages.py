"""The demo-data command builds a complete bilingual site on a freshly
migrated database (test_idempotent.py: running it again changes nothing)."""

from wagtail.models import Page

from cms_pages.models import NewsPage, ProgrammePage, SiteSettings

from ..markup import html_lang, text


def test_demo_builds_a_complete_site_in_both_languages(client, demo, sq, en):
    albanian = Page.objects.filter(locale=sq, depth__gte=2)
    english = Page.objects.filter(locale=en, depth__gte=2)

    assert albanian.count() == english.count() >= 19
    assert not english.filter(alias_of__isnull=False).exists()
    assert ProgrammePage.objects.filter(locale=sq).count() == 6
    assert NewsPage.objects.filter(locale=en).count() >= 5
    for programme in ProgrammePage.objects.filter(locale=sq):
        translation = programme.get_translation(en)
        assert translation.title != programme.title or programme.slug == "pop-2019"
        assert translation.overall_objective != programme.overall_objective
        assert [block.value["code"] for block in programme.objectives][0] == "SO1"
    settings = SiteSettings.objects.get()
    assert settings.terms_page is not None
    assert settings.privacy_page is not None
    assert len(settings.funders) == 2

    for url, language, words in PAGES:
        response = client.get(url)

        assert response.status_code == 200, url
        assert html_lang(response) == language, url
        assert words in text(response), url


# (address, language, words the page shows)
PAGES = [
    ("/sq/", "sq", "Qytetarët vendosin"),
    ("/en/", "en", "Citizens decide"),
    ("/sq/programet/pop-2022/", "sq", "SO5"),
    ("/en/programmes/social-contract-2023/", "en", "16 public forums"),
    ("/en/news/", "en", "74.5%"),
    ("/en/about/", "en", "The POP method"),
    ("/en/partners/", "en", "Vlora Youth Centre"),
    ("/en/contact/", "en", "E-mail address"),
    ("/sq/search/?q=forume", "sq", "16 forume publike"),
]

"""Reading rendered pages the way a visitor does: text, links, language."""

import re

from bs4 import BeautifulSoup


def soup(response_or_html):
    html = getattr(response_or_html, "content", response_or_html)
    if isinstance(html, bytes):
        html = html.decode()
    return BeautifulSoup(html, "html.parser")


def text(response_or_html):
    """The page's visible text with whitespace collapsed."""
    document = soup(response_or_html)
    for hidden in document(["script", "style", "head"]):
        hidden.decompose()
    return re.sub(r"\s+", " ", document.get_text(" ")).strip()


def html_lang(response_or_html):
    return soup(response_or_html).html.get("lang")


def language_link(response_or_html, code):
    """The `href` of the visible link to the page in language `code` (the
    language switcher's `<a hreflang=…>`), failing unless there is exactly one."""
    links = soup(response_or_html).select(f'a[hreflang="{code}"]')
    assert len(links) == 1, f"expected one <a hreflang={code!r}>, found {links}"
    return links[0]["href"]

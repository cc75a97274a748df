"""Views outside the page tree: search, sitemap.xml and robots.txt."""

from django.conf import settings
from django.contrib.sitemaps.views import sitemap as django_sitemap
from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.db.models import Q
from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Locale, Page

from .search import (
    MAX_QUERY_LENGTH,
    SearchHit,
    as_typed_first,
    other_hits,
    page_description,
    search_query,
    search_words,
)

SEARCH_RESULTS_PER_PAGE = 10
MAX_PAGE_HITS = 100


@require_GET
def search(request):
    """Live public pages of the visitor's language that match the words of
    `q` (each in any of its Albanian forms), then the priorities and
    candidates the other apps find. Any text is answered: only its words
    reach the search backend."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    words = search_words(query)
    results = None
    if query:
        hits = []
        if words:
            pages = Page.objects.live().public().filter(locale=Locale.get_active()).specific()
            hits = as_typed_first(
                [
                    SearchHit(page.title, page.url, page_description(page))
                    for page in pages.search(search_query(words))[:MAX_PAGE_HITS]
                ],
                words,
            )
            hits += other_hits(words, get_language())
        paginator = Paginator(hits, SEARCH_RESULTS_PER_PAGE)
        try:
            results = paginator.page(request.GET.get("page", 1))
        except PageNotAnInteger:
            results = paginator.page(1)
        except EmptyPage:
            results = paginator.page(paginator.num_pages)
    return render(request, "cms_pages/search.html", {"query": query, "results": results})


class AllLanguagesSitemap(Sitemap):
    """Wagtail's sitemap lists the site root's tree only (the Albanian one);
    this one lists the live public pages of every language's tree."""

    def items(self):
        root = self.get_wagtail_site().root_page
        roots = Page.objects.filter(translation_key=root.translation_key).values_list(
            "path", flat=True
        )
        within = Q()
        for path in roots:
            within |= Q(path__startswith=path)
        return (
            Page.objects.filter(within)
            .live()
            .public()
            .order_by("path")
            .defer_streamfields()
            .specific()
        )


def sitemap(request):
    return django_sitemap(request, sitemaps={"pages": AllLanguagesSitemap(request)})


@require_GET
def robots_txt(request):
    """Everything public may be crawled; the admin and accounts may not."""
    lines = ["User-agent: *", "Disallow: /admin/"]
    lines += [f"Disallow: /{code}/accounts/" for code, _name in settings.LANGUAGES]
    lines += [f"Disallow: /{code}/search/" for code, _name in settings.LANGUAGES]
    lines.append(f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}")
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")

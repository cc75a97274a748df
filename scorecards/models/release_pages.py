"""The public side of citable releases: routes on the network scorecard page
(`releases/`, `releases/<slug>/`, `releases/<slug>/csv|xlsx/`) added by one
mixin, with the page's context and the downloads. The records and the act
of freezing are `scorecards.models.releases`."""

from django.http import Http404
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path

from .. import exports
from .releases import Release


def release_context(release, items):
    """What a release's page shows, computed from its frozen rows; the
    corrections since are the only live part."""
    municipalities = list(release.municipalities.order_by("pk"))
    by_municipality = {}
    for item in items:
        by_municipality.setdefault(item.municipality_id, []).append(item)
    return {
        "release": release,
        "network": release.card,
        "municipalities": [
            {
                "row": row,
                "card": row.card,
                "bar_id": f"bar-{row.pk}",
                "priorities": by_municipality.get(row.municipality_id, []),
            }
            for row in municipalities
        ],
        "corrections": release.corrections(items),
    }


def release_table(release):
    """The rows of a release's download: every priority with its frozen
    status, then each municipality's figures and the network's."""
    headers = [
        _("Municipality"),
        _("No."),
        _("Priority"),
        _("Status"),
        _("Assessed as of"),
        _("As of"),
    ]
    names = {row.municipality_id: row.name for row in release.municipalities.all()}
    rows = [
        [
            names.get(item.municipality_id, ""),
            item.order,
            item.title,
            str(item.status_label),
            item.assessed_as_of,
            release.as_of,
        ]
        for item in release.frozen_priorities()
    ]
    return headers, rows


def figures_table(release):
    headers = [_("Municipality"), *exports.figure_headers(), _("As of")]
    rows = [
        [row.name, *exports.figure_cells(row.card), release.as_of]
        for row in release.municipalities.order_by("pk")
    ]
    rows.append([_("All municipalities"), *exports.figure_cells(release.card), release.as_of])
    return headers, rows


def cite_as(release, url):
    return _(
        "POP Network, “%(title)s”, scorecard as of %(date)s, released %(released)s, %(url)s"
    ) % {
        "title": release.title,
        "date": date_format(release.as_of, "DATE_FORMAT"),
        "released": date_format(release.frozen_at, "DATE_FORMAT"),
        "url": url,
    }


class ReleaseRoutesMixin(RoutablePageMixin):
    """The network scorecard page's releases: their list and, for each, a
    permanent address, its downloads included."""

    def release_url(self, request, release):
        return self.get_url(request) + self.reverse_subpage("release", args=[release.slug])

    @path("releases/", name="releases")
    def releases_view(self, request):
        releases = list(Release.objects.latest_first().select_related("election"))
        for release in releases:
            release.url = self.release_url(request, release)
        return TemplateResponse(
            request,
            "scorecards/releases/release_list.html",
            {**page_context(self, request), "releases": releases},
        )

    @path("releases/<slug:slug>/", name="release")
    def release_view(self, request, slug):
        release = get_object_or_404(Release, slug=slug)
        items = list(release.frozen_priorities())
        url = self.get_full_url(request) + self.reverse_subpage("release", args=[slug])
        context = {
            **page_context(self, request),
            **release_context(release, items),
            "cite_as": cite_as(release, url),
            "list_url": self.get_url(request) + self.reverse_subpage("releases"),
            "downloads": {
                fmt: self.get_url(request)
                + self.reverse_subpage("release_download", kwargs={"slug": slug, "fmt": fmt})
                for fmt in ("csv", "xlsx")
            },
        }
        context["downloads"]["api"] = f"/api/v1/releases/{slug}"
        return TemplateResponse(request, "scorecards/releases/release_page.html", context)

    @re_path(r"^releases/(?P<slug>[-a-zA-Z0-9_]+)/(?P<fmt>csv|xlsx)/$", name="release_download")
    def release_download(self, request, slug, fmt):
        release = Release.objects.filter(slug=slug).first()
        if release is None:
            raise Http404(_("There is no release at this address."))
        which = request.GET.get("table", "priorities")
        if which == "figures":
            headers, rows = figures_table(release)
        else:
            headers, rows = release_table(release)
        name = f"pop-release-{release.slug}-{which}-{exports.language()}"
        return exports.respond(fmt, name, release.title, headers, rows)


def page_context(page, request):
    """The page's own context without its scorecard figures (a release page
    shows only what was frozen)."""
    return {"page": page, "self": page, "request": request}

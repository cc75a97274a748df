"""The open data as one download and one page: the bulk archive (a ZIP of
every table of the API as CSV and JSON, rebuilt daily and after each
publication; each build recorded with its date, size and checksum) and the
open-data page that lists the API, the licence and the archive."""

from django_q.tasks import async_task

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.db import models
from django.http import FileResponse, Http404
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page

from cms_pages.blocks import BodyBlock

from ..signals import assessments_published

#: The licence of all the open data (API schema, page and archive).
LICENCE_NAME = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"
#: The task that builds the archive (run daily by a django-q2 Schedule).
BUILD_TASK = "scorecards.opendata.build_archive"
#: While set, a rebuild is queued: publications meanwhile queue no other.
QUEUED_KEY = "scorecards:opendata:rebuild-queued"
QUEUED_FOR = 60 * 60


class OpenDataArchiveQuerySet(models.QuerySet):
    def current(self):
        """The archive built last, or None."""
        return self.order_by("-built_at", "-pk").first()

    def queue_rebuild(self):
        """Queue one rebuild of the archive, unless one is queued already
        (several publications in a row cost one build). True if queued."""
        if not cache.add(QUEUED_KEY, True, QUEUED_FOR):
            return False
        async_task(BUILD_TASK, task_name="open data archive")
        return True


class OpenDataArchive(models.Model):
    """A build of the bulk archive: where the file is, when it was built, its
    size and SHA-256 checksum (shown on the open-data page so that a
    download can be checked) and how many rows each table held."""

    file = models.CharField(_("file"), max_length=255, help_text=_("Path in the media storage."))
    built_at = models.DateTimeField(_("built at"))
    size = models.PositiveBigIntegerField(_("size in bytes"))
    sha256 = models.CharField(_("SHA-256 checksum"), max_length=64)
    row_counts = models.JSONField(_("rows per table"), default=dict)

    objects = OpenDataArchiveQuerySet.as_manager()

    class Meta:
        verbose_name = _("open data archive")
        verbose_name_plural = _("open data archives")
        ordering = ["-built_at", "-pk"]

    def __str__(self):
        return self.file

    @property
    def filename(self):
        return self.file.rsplit("/", 1)[-1]


def rebuild_after_publication(sender, **kwargs):
    OpenDataArchive.objects.queue_rebuild()


assessments_published.connect(rebuild_after_publication, dispatch_uid="opendata-archive")


class OpenDataPage(RoutablePageMixin, Page):
    """The open-data page: the editors' introduction, then every endpoint of
    the API with a `curl` line (from the API's own schema, so it never falls
    behind: the `api_endpoints` template tag), the licence, the bulk archive
    and how the figures are computed."""

    body = StreamField(
        BodyBlock(),
        blank=True,
        verbose_name=_("introduction"),
        help_text=_("Who the data is for and what it holds, in a few paragraphs."),
    )

    content_panels = [*Page.content_panels, FieldPanel("body")]

    parent_page_types = ["cms_pages.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    template = "scorecards/opendata/open_data_page.html"

    class Meta:
        verbose_name = _("open data page")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(
            {
                "archive": OpenDataArchive.objects.current(),
                "licence_name": LICENCE_NAME,
                "licence_url": LICENCE_URL,
            }
        )
        return context

    @path("archive/", name="archive")
    def archive_view(self, request):
        """The latest archive, as a download named with its date."""
        archive = OpenDataArchive.objects.current()
        if archive is None or not default_storage.exists(archive.file):
            raise Http404
        response = FileResponse(
            default_storage.open(archive.file, "rb"),
            as_attachment=True,
            filename=archive.filename,
            content_type="application/zip",
        )
        response["ETag"] = f'"{archive.sha256}"'
        return response

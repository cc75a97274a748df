"""The public pages: the index of consultations and one page per contract."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField
from wagtail.models import Page


class ConsultationIndexPage(Page):
    """Lists open, upcoming and past consultations, filterable by municipality."""

    intro = RichTextField(
        _("introduction"), blank=True, help_text=_("How consultations work, in a few lines.")
    )

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["cms_pages.HomePage"]
    subpage_types = ["consultations.ConsultationPage"]
    max_count_per_parent = 1
    template = "consultations/consultation_index_page.html"

    class Meta:
        verbose_name = _("consultations index")

    def get_context(self, request, *args, **kwargs):
        from ..views import index_context

        context = super().get_context(request, *args, **kwargs)
        context.update(index_context(request, self))
        return context


class ConsultationPage(RoutablePageMixin, Page):
    """The public face of one Social Contract: its priorities, supports and
    discussion while open; results and the finalised contract afterwards."""

    contract = models.ForeignKey(
        "consultations.SocialContract",
        verbose_name=_("social contract"),
        on_delete=models.PROTECT,
        related_name="pages",
        help_text=_("The contract this page presents."),
    )
    intro = RichTextField(
        _("introduction"), blank=True, help_text=_("What this consultation is about.")
    )

    content_panels = [*Page.content_panels, FieldPanel("contract"), FieldPanel("intro")]

    parent_page_types = ["consultations.ConsultationIndexPage"]
    subpage_types = []
    template = "consultations/consultation_page.html"

    class Meta:
        verbose_name = _("consultation page")

    def get_context(self, request, *args, **kwargs):
        from .. import views

        context = super().get_context(request, *args, **kwargs)
        context.update(views.contract_context(request, self))
        return context

    # Sub-views: thin routes into consultations.views.
    @path("")
    def contract_view(self, request):
        return self.render(request)

    @path("support/<int:priority_id>/", name="support")
    def support_view(self, request, priority_id):
        from .. import views

        return views.support(request, self, priority_id)

    @path("withdraw/<int:priority_id>/", name="withdraw")
    def withdraw_view(self, request, priority_id):
        from .. import views

        return views.withdraw(request, self, priority_id)

    @path("comment/<int:priority_id>/", name="comment")
    def comment_view(self, request, priority_id):
        from .. import views

        return views.comment(request, self, priority_id)

    @path("comments/<int:comment_id>/edit/", name="edit_comment")
    def edit_comment_view(self, request, comment_id):
        from .. import views

        return views.edit_comment(request, self, comment_id)

    @path("comments/<int:comment_id>/remove/", name="remove_comment")
    def remove_comment_view(self, request, comment_id):
        from .. import views

        return views.remove_comment(request, self, comment_id)

    @path("comments/<int:comment_id>/report/", name="report_comment")
    def report_comment_view(self, request, comment_id):
        from .. import views

        return views.report_comment(request, self, comment_id)

    @path("suggest/", name="suggest")
    def suggest_view(self, request):
        from .. import views

        return views.suggest(request, self)

    @path("print/", name="printable")
    def printable_view(self, request):
        from .. import views

        return views.printable(request, self)

    @path("results/", name="results_csv")
    def results_csv_view(self, request):
        from .. import views

        return views.results_csv(request, self)

"""The contact page: a form built by editors with Wagtail's form builder.

Submissions are stored (and listed in the admin); editors are told by e-mail
through a django-q2 task, never inside the request. Spam is kept out without
third-party services: a honeypot field that people never see, and a limit on
submissions per address (in the cache).
"""

from django import forms
from django.conf import settings
from django.core.cache import cache
from django.db import models, transaction
from django.template.response import TemplateResponse
from django.utils.module_loading import import_string
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.forms.models import AbstractEmailForm, AbstractFormField
from wagtail.contrib.forms.panels import FormSubmissionsPanel
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from ..client import client_address
from .pages import PAGE_TRANSLATABLE_FIELDS

HONEYPOT_FIELD = "website"


class FormField(TranslatableMixin, AbstractFormField):
    """A field of a contact form; translatable with its page."""

    page = ParentalKey(
        "cms_pages.ContactPage", on_delete=models.CASCADE, related_name="form_fields"
    )

    translatable_fields = [
        TranslatableField("label"),
        TranslatableField("help_text"),
        TranslatableField("choices"),
        TranslatableField("default_value"),
        SynchronizedField("clean_name"),
        SynchronizedField("field_type"),
        SynchronizedField("required"),
    ]

    class Meta(TranslatableMixin.Meta, AbstractFormField.Meta):
        verbose_name = _("form field")
        verbose_name_plural = _("form fields")


class ContactPage(AbstractEmailForm):
    """A form visitors send to the network (contact, volunteering, reports)."""

    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("What the form is for and who reads it.")
    )
    thank_you_text = models.TextField(
        _("thank-you text"), blank=True, help_text=_("Shown after the form is sent.")
    )

    # At most this many submissions per address and page within the window.
    rate_limit = 5
    rate_limit_window = 3600  # seconds

    content_panels = [
        *AbstractEmailForm.content_panels,
        FormSubmissionsPanel(),
        FieldPanel("intro"),
        InlinePanel("form_fields", label=_("Form fields")),
        FieldPanel("thank_you_text"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("from_address"), FieldPanel("to_address")]),
                FieldPanel("subject"),
            ],
            heading=_("Notification e-mail to editors"),
        ),
    ]
    search_fields = [*AbstractEmailForm.search_fields, index.SearchField("intro")]
    translatable_fields = [
        *PAGE_TRANSLATABLE_FIELDS,
        TranslatableField("intro"),
        TranslatableField("thank_you_text"),
        TranslatableField("form_fields"),
        SynchronizedField("to_address"),
        SynchronizedField("from_address"),
        TranslatableField("subject"),
    ]

    parent_page_types = ["cms_pages.HomePage"]
    subpage_types = []
    template = "cms_pages/contact_page.html"
    landing_page_template = "cms_pages/contact_page_landing.html"

    class Meta:
        verbose_name = _("contact page")

    def get_form_class(self):
        form_class = super().get_form_class()
        honeypot = forms.CharField(
            label=_("Leave this field empty"),
            required=False,
            widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
        )
        return type(form_class.__name__, (form_class,), {HONEYPOT_FIELD: honeypot})

    def rate_limit_key(self, request):
        return f"contact-form:{self.translation_key}:{client_address(request)}"

    def serve(self, request, *args, **kwargs):
        if request.method != "POST":
            return super().serve(request, *args, **kwargs)
        form = self.get_form(request.POST, request.FILES, page=self, user=request.user)
        refusal = None
        if request.POST.get(HONEYPOT_FIELD):
            refusal = _("Your message could not be sent. Please leave the last field empty.")
        elif cache.get(self.rate_limit_key(request), 0) >= self.rate_limit:
            refusal = _(
                "You have sent several messages in a short time. Please wait an hour and try again."
            )
        if refusal is None and form.is_valid():
            key = self.rate_limit_key(request)
            cache.add(key, 0, self.rate_limit_window)
            cache.incr(key)
            submission = self.process_form_submission(form)
            return self.render_landing_page(request, submission, *args, **kwargs)
        context = self.get_context(request)
        context.update(form=form, refusal=refusal)
        status = 200
        if refusal:
            status = 400 if request.POST.get(HONEYPOT_FIELD) else 429
        return TemplateResponse(request, self.get_template(request), context, status=status)

    def process_form_submission(self, form):
        """Store the submission (without the honeypot) and queue the
        e-mail to editors."""
        form.cleaned_data.pop(HONEYPOT_FIELD, None)
        with transaction.atomic():
            submission = self.get_submission_class().objects.create(
                form_data=form.cleaned_data, page=self
            )
            if self.to_address:
                # A durable job written with the submission; the site names
                # the function (accounts.mail.enqueue_composition), since
                # cms_pages imports no other app.
                import_string(settings.POP_ENQUEUE_EMAIL_COMPOSITION)(
                    "cms_pages.tasks.notify_editors_of_submission", submission.pk
                )
        return submission

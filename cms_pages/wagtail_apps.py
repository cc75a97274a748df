"""Wagtail apps as this site configures them (listed in INSTALLED_APPS in place
of Wagtail's own configs; kept out of cms_pages.apps, where a second AppConfig
would stop Django from choosing cms_pages' own).

Wagtail 8's snippets, documents, images and redirects apps each add their
routers to Wagtail's v3 API in `ready()`, whether or not the site serves that
API (`wagtail.api.v3` in INSTALLED_APPS and its URLs). Importing the API
builds a pydantic schema for every page and snippet model: about 12 MiB in
every web worker, for an API this site does not serve (its open data is
scorecards.api). These configs are Wagtail's own with `ready()` minus the API
(copied from Wagtail 8.0: compare them on each upgrade).
"""

from django.db.models import ForeignKey
from django.db.models.signals import post_migrate

from wagtail.contrib.redirects.apps import WagtailRedirectsAppConfig
from wagtail.documents.apps import WagtailDocsAppConfig
from wagtail.images.apps import WagtailImagesAppConfig
from wagtail.snippets.apps import WagtailSnippetsAppConfig


class SnippetsAppConfig(WagtailSnippetsAppConfig):
    """wagtail.snippets without its v3 API routes."""

    def ready(self):
        from wagtail.snippets.models import create_extra_permissions, register_deferred_snippets

        register_deferred_snippets()
        post_migrate.connect(create_extra_permissions, sender=self)


class DocumentsAppConfig(WagtailDocsAppConfig):
    """wagtail.documents without its v3 API routes."""

    def ready(self):
        from wagtail.admin.ui.fields import register_display_class
        from wagtail.documents import get_document_model, get_permission_policy
        from wagtail.documents.components import DocumentDisplay
        from wagtail.documents.signal_handlers import register_signal_handlers
        from wagtail.models.reference_index import ReferenceIndex
        from wagtail.permissions import register_permission_policy

        document = get_document_model()
        register_permission_policy(document, get_permission_policy())
        register_signal_handlers()
        register_display_class(ForeignKey, to=document, display_class=DocumentDisplay)
        ReferenceIndex.register_model(document)


class ImagesAppConfig(WagtailImagesAppConfig):
    """wagtail.images without its v3 API routes."""

    def ready(self):
        from wagtail.admin.compare import register_comparison_class
        from wagtail.admin.forms.models import register_form_field_override
        from wagtail.admin.ui.fields import register_display_class
        from wagtail.images import get_image_model, get_permission_policy
        from wagtail.images.components import ImageDisplay
        from wagtail.images.edit_handlers import ImageFieldComparison
        from wagtail.images.signal_handlers import register_signal_handlers
        from wagtail.images.widgets import AdminImageChooser
        from wagtail.models.reference_index import ReferenceIndex
        from wagtail.permissions import register_permission_policy

        image = get_image_model()
        register_permission_policy(image, get_permission_policy())
        register_signal_handlers()
        register_form_field_override(ForeignKey, to=image, override={"widget": AdminImageChooser})
        register_comparison_class(ForeignKey, to=image, comparison_class=ImageFieldComparison)
        register_display_class(ForeignKey, to=image, display_class=ImageDisplay)
        ReferenceIndex.register_model(image)


class RedirectsAppConfig(WagtailRedirectsAppConfig):
    """wagtail.contrib.redirects without its v3 API routes."""

    def ready(self):
        from wagtail.contrib.redirects.models import Redirect
        from wagtail.contrib.redirects.signal_handlers import (
            autocreate_redirects_on_page_move,
            autocreate_redirects_on_slug_change,
        )
        from wagtail.permissions import register_permission_policy
        from wagtail.signals import page_slug_changed, post_page_move

        register_permission_policy(Redirect)
        post_page_move.connect(autocreate_redirects_on_page_move)
        page_slug_changed.connect(autocreate_redirects_on_slug_change)

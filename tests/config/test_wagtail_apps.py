"""Four of Wagtail's apps run as cms_pages.wagtail_apps configures them: their
own start-up minus Wagtail 8's v3 API (which this site does not serve and
which costs every web worker some 12 MiB). What their start-up registers must
still be registered, and an upgrade that changes Wagtail's own start-up must
be compared with ours."""

import hashlib
import inspect

import pytest

from django.apps import apps

from wagtail.admin.ui.fields import display_class_registry
from wagtail.contrib.redirects.apps import WagtailRedirectsAppConfig
from wagtail.contrib.redirects.models import Redirect
from wagtail.documents import get_document_model
from wagtail.documents.apps import WagtailDocsAppConfig
from wagtail.images import get_image_model
from wagtail.images.apps import WagtailImagesAppConfig
from wagtail.models.reference_index import ReferenceIndex
from wagtail.permissions import policy_registry
from wagtail.signals import page_slug_changed, post_page_move
from wagtail.snippets.apps import WagtailSnippetsAppConfig
from wagtail.snippets.models import get_snippet_models

from cms_pages import wagtail_apps

# The start-up (`ready`) of Wagtail 8.0.1 that cms_pages.wagtail_apps copies.
COPIED = {
    WagtailSnippetsAppConfig: "1ac35b5ed4034956",
    WagtailDocsAppConfig: "4cdf87a46dbf81ef",
    WagtailImagesAppConfig: "52e409385bb1ad62",
    WagtailRedirectsAppConfig: "19d1a78049d84e47",
}


@pytest.mark.parametrize("upstream", COPIED, ids=lambda config: config.__name__)
def test_wagtails_own_start_up_is_the_one_copied(upstream):
    source = inspect.getsource(upstream.ready)
    assert hashlib.sha256(source.encode()).hexdigest()[:16] == COPIED[upstream], (
        f"Wagtail's {upstream.__name__}.ready() changed: bring cms_pages/wagtail_apps.py "
        "in line with it (everything but the v3 API), then record its new digest here."
    )


@pytest.mark.parametrize(
    "label", ["wagtailsnippets", "wagtaildocs", "wagtailimages", "wagtailredirects"]
)
def test_the_sites_configs_are_installed(label):
    assert type(apps.get_app_config(label)).__module__ == wagtail_apps.__name__


def test_what_their_start_up_registers_is_registered():
    for model in (get_image_model(), get_document_model()):
        assert type(policy_registry.get_by_type(model)).__name__ == (
            "CollectionOwnershipPermissionPolicy"
        )
    assert policy_registry.get_by_type(Redirect) is not None
    indexed = ReferenceIndex.tracked_models
    assert {get_image_model(), get_document_model()} <= set(indexed)
    assert get_snippet_models(), "no snippet registered"
    for model in (get_image_model(), get_document_model()):
        assert model in display_class_registry.values_by_fk_related_model
    receivers = {receiver.__name__ for receiver in _receivers(post_page_move)}
    assert "autocreate_redirects_on_page_move" in receivers
    receivers = {receiver.__name__ for receiver in _receivers(page_slug_changed)}
    assert "autocreate_redirects_on_slug_change" in receivers


def _receivers(signal):
    return [ref() for _key, ref, *_ in signal.receivers if ref() is not None]

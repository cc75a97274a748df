"""Helpers and factories for forum pages and citizens' questions (pages are
made in code with their English aliases, as the admin would)."""

import datetime
import io

import factory
from factory.django import DjangoModelFactory
from PIL import Image as PILImage

from django.core.files.base import ContentFile
from django.core.files.images import ImageFile
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail_localize.synctree import create_aliases_for_new_page

from cms_pages.models import CustomImage
from forums.models import ForumIndexPage, ForumPage, Question, QuestionState, Upvote

from ..accounts.factories import UserFactory

DAY = datetime.timedelta(days=1)


def make_index(home):
    index = ForumIndexPage(title="Forumet", slug="forumet", intro="Forumet publike.")
    home.add_child(instance=index)
    create_aliases_for_new_page(index)
    return index


def make_forum(index, municipality, election, starts_at=None, **fields):
    """A live forum page under `index` (in 3 weeks unless `starts_at`), with
    its English alias."""
    starts_at = starts_at or timezone.now() + 21 * DAY
    fields.setdefault("title", f"Forumi publik – {municipality.name}")
    fields.setdefault("slug", f"forumi-{municipality.slug}-{starts_at:%Y%m%d%H%M}")
    fields.setdefault("venue", "Pallati i Kulturës")
    partners = fields.pop("partners", [])
    page = ForumPage(municipality=municipality, election=election, starts_at=starts_at, **fields)
    index.add_child(instance=page)
    if partners:
        page.partners.set(partners)
        page.save()
    create_aliases_for_new_page(page)
    return page


def make_image(title="Foto nga forumi"):
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 30), (23, 64, 122)).save(buffer, format="PNG")
    return CustomImage.objects.create(title=title, file=ImageFile(buffer, name="forumi.png"))


def make_document(title="Kontrata e nënshkruar"):
    return get_document_model().objects.create(
        title=title, file=ContentFile(b"%PDF-1.4 scan", name="kontrata.pdf")
    )


class QuestionFactory(DjangoModelFactory):
    """An approved question by its own verified citizen, unless told otherwise."""

    class Meta:
        model = Question

    forum = None
    author = factory.SubFactory(UserFactory, verified=True)
    text = factory.Sequence(lambda n: f"Pyetja numër {n} për kandidatët?")
    state = QuestionState.APPROVED


class UpvoteFactory(DjangoModelFactory):
    class Meta:
        model = Upvote

    question = factory.SubFactory(QuestionFactory)
    citizen = factory.SubFactory(UserFactory, verified=True)

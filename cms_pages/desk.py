"""The staff desk: what is waiting for each member of staff, on the admin
dashboard and in an opt-in daily e-mail digest.

Each app says what waits in its own domain by registering, in its own
`wagtail_hooks.py`, a function under the Wagtail hook `staff_desk_panels`:
`fn(user, now)` returns a `DeskPanel` for a user whose role may act on it,
or None. Each function reads at most one query (permission checks aside),
so the dashboard's cost does not grow with the data. `cms_pages` imports no
other app: it only collects and shows what the others register.
"""

from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.mail import send_mail
from django.db.models import (
    Case,
    Count,
    Exists,
    F,
    IntegerField,
    OuterRef,
    Q,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import get_language_info, ngettext
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import Page, TranslatableMixin
from wagtail.snippets.models import get_snippet_models
from wagtail.users.models import UserProfile
from wagtail_localize.models import (
    StringSegment,
    StringTranslation,
    Translation,
    TranslationLog,
)

HOOK = "staff_desk_panels"
#: Dashboard order of the desk panels: before Wagtail's own panels (200+).
DASHBOARD_ORDER = 50
#: The preference (a field of the user model) that opts in to the digest.
DIGEST_FIELD = "desk_digest"


@dataclass
class DeskRow:
    """One thing waiting: what, how many (None: no count), where to act."""

    label: str
    count: int | None = None
    url: str = ""
    note: str = ""


@dataclass
class DeskPanel:
    """A heading and the rows of one kind of waiting work."""

    key: str
    heading: str
    rows: list[DeskRow] = field(default_factory=list)
    empty: str = ""
    help_text: str = ""

    @property
    def total(self):
        return sum(row.count or 0 for row in self.rows)


def panels_for(user, now=None):
    """The desk panels `user` may act on, in the hooks' order."""
    now = now or timezone.now()
    panels = []
    for fn in hooks.get_hooks(HOOK):
        panel = fn(user, now)
        if panel is not None:
            panels.append(panel)
    return panels


class DeskPanelComponent(Component):
    """A desk panel on the Wagtail dashboard."""

    template_name = "cms_pages/admin/desk_panel.html"

    def __init__(self, panel, order):
        self.panel = panel
        self.order = order
        self.name = f"desk-{panel.key}"

    def get_context_data(self, parent_context):
        return {"panel": self.panel}


def dashboard_panels(request):
    """The dashboard components of `request.user`'s desk."""
    return [
        DeskPanelComponent(panel, DASHBOARD_ORDER + n)
        for n, panel in enumerate(panels_for(request.user))
    ]


def absolute(url):
    return f"{settings.WAGTAILADMIN_BASE_URL}{url}" if url.startswith("/") else url


def digest(user, now=None):
    """`(subject, body)` of `user`'s digest in their admin language, or None
    when nothing waits for them."""
    language = UserProfile.get_for_user(user).get_preferred_language()
    with translation.override(language):
        panels = [panel for panel in panels_for(user, now) if panel.rows]
        if not panels:
            return None
        for panel in panels:
            for row in panel.rows:
                row.url = absolute(row.url)
        context = {
            "user": user,
            "panels": panels,
            "dashboard_url": absolute(reverse("wagtailadmin_home")),
            "preferences_url": absolute(reverse("wagtailadmin_account")),
        }
        subject = _("Waiting for you in the POP admin")
        body = render_to_string("cms_pages/email/desk_digest.txt", context)
    return subject, body


def send_digests(now=None):
    """The daily task: one e-mail to each member of staff who opted in and
    has something waiting. Returns how many were sent."""
    now = now or timezone.now()
    sent = 0
    for user in get_user_model().objects.filter(is_active=True, **{DIGEST_FIELD: True}):
        message = digest(user, now)
        if message is None:
            continue
        subject, body = message
        send_mail(subject, body, None, [user.email])
        sent += 1
    return sent


def _can_translate(user):
    return user.is_authenticated and user.has_perm("wagtail_localize.submit_translation")


def _segments(translations_of=None):
    """The count of the outer Translation's string segments, or (given the
    StringTranslations that count as done) of those translated: the
    definition of `Translation.get_progress()`, as a subquery."""
    segments = StringSegment.objects.filter(source_id=OuterRef("source_id"))
    if translations_of is not None:
        segments = segments.filter(Exists(translations_of))
    return Coalesce(
        Subquery(segments.order_by().values("source_id").annotate(n=Count("pk")).values("n")),
        0,
    )


def _snippet_target_id():
    """The pk of the outer Translation's target record, for the translatable
    snippet models (one subquery per model, not per row); None for pages."""
    whens = [
        When(
            source__specific_content_type=ContentType.objects.get_for_model(model),
            then=Subquery(
                model.objects.filter(
                    translation_key=OuterRef("source__object_id"),
                    locale_id=OuterRef("target_locale_id"),
                ).values("pk")[:1]
            ),
        )
        for model in _translatable_snippet_models()
    ]
    if not whens:
        return Value(None, IntegerField())
    return Case(*whens, default=None, output_field=IntegerField())


def translations_panel(user, now):
    """Translators: the enabled translations of pages and records that are
    missing or out of date; one query.

    What counts, using wagtail-localize's own records (its
    `Translation.destination_last_updated_at` is declared but never written,
    so it cannot serve):

    - *The original changed*: a source page was published after its
      `TranslationSource` was last synchronised (`last_published_at >
      last_updated_at`): the translation cannot see the change until someone
      synchronises it. Records have no publication date; their edits count
      from the synchronisation on (below).
    - *Missing*: the target does not exist yet in the target language (for a
      page: no page, or only an alias of the original), or fewer of the
      source's string segments have a usable translation in that language
      than the source has. This is `Translation.get_progress()`: a
      `StringSegment` counts as translated when a `StringTranslation` of its
      string, in its context and the target locale, exists without error. A
      synchronised source with new or changed text has new segments without
      translation, so a record edited and synchronised shows here.
    - *Not carried into the translation*: every string is translated but the
      target was last written from the source before the last
      synchronisation (a page: its translation's `last_published_at`, since
      visitors read the published text; a record: the latest
      `TranslationLog`, which wagtail-localize writes each time it saves a
      target), or a page's translation was never published.
    """
    if not _can_translate(user):
        return None
    same_object = Page.objects.filter(translation_key=OuterRef("source__object_id"))
    target_page = same_object.filter(locale_id=OuterRef("target_locale_id"))
    translated = StringTranslation.objects.filter(
        translation_of_id=OuterRef("string_id"),
        context_id=OuterRef("context_id"),
        locale_id=OuterRef(OuterRef("target_locale_id")),
        has_error=False,
    )
    last_written_at = (
        TranslationLog.objects.filter(
            source_id=OuterRef("source_id"), locale_id=OuterRef("target_locale_id")
        )
        .order_by("-created_at")
        .values("created_at")[:1]
    )
    translations = (
        Translation.objects.filter(enabled=True)
        .annotate(
            is_page=Exists(same_object),
            source_published_at=Subquery(
                same_object.filter(locale_id=OuterRef("source__locale_id")).values(
                    "last_published_at"
                )[:1]
            ),
            target_page_id=Subquery(target_page.values("pk")[:1]),
            target_is_alias=Exists(target_page.filter(alias_of__isnull=False)),
            target_snippet_id=_snippet_target_id(),
            total=_segments(),
            done=_segments(translated),
        )
        .annotate(
            carried_at=Case(
                When(
                    is_page=True,
                    then=Subquery(
                        target_page.filter(alias_of__isnull=True).values("last_published_at")[:1]
                    ),
                ),
                default=Subquery(last_written_at),
            )
        )
        .filter(
            Q(source_published_at__gt=F("source__last_updated_at"))
            | Q(done__lt=F("total"))
            | Q(carried_at__isnull=True)
            | Q(carried_at__lt=F("source__last_updated_at"))
        )
        .select_related("source", "target_locale")
        .order_by("source__object_repr", "target_locale__language_code")
    )
    snippet_models = {
        ContentType.objects.get_for_model(model).pk: model
        for model in _translatable_snippet_models()
    }
    rows = []
    for translation_ in translations:
        rows.append(
            DeskRow(
                _("%(name)s (%(language)s)")
                % {
                    "name": translation_.source.object_repr,
                    "language": translation_.target_locale.get_display_name(),
                },
                url=_translation_url(translation_, snippet_models),
                note=_translation_note(translation_),
            )
        )
    return DeskPanel(
        "translations",
        _("Translations to bring up to date"),
        rows,
        empty=_("Every translation is up to date."),
    )


def _original_changed(translation_):
    """A source page published after its last synchronisation."""
    published_at = translation_.source_published_at
    return bool(published_at) and published_at > translation_.source.last_updated_at


def _translation_note(translation_):
    if _original_changed(translation_):
        return _("The original changed: synchronise the translation.")
    exists = (
        translation_.target_page_id and not translation_.target_is_alias
        if translation_.is_page
        else translation_.target_snippet_id or translation_.carried_at
    )
    if not exists:
        return _("Not translated yet.")
    missing = translation_.total - translation_.done
    if missing:
        return ngettext(
            "%(missing)s text of %(total)s still to translate.",
            "%(missing)s texts of %(total)s still to translate.",
            missing,
        ) % {"missing": missing, "total": translation_.total}
    if translation_.carried_at is None and translation_.is_page:
        return _("Translated, not yet published.")
    return _("Synchronised, not yet carried into the translation.")


def _translation_url(translation_, snippet_models):
    """Where to act: synchronise first when the original changed, otherwise
    the translation editor (the target's edit view)."""
    source = translation_.source
    if not _original_changed(translation_):
        if translation_.target_page_id:
            return reverse("wagtailadmin_pages:edit", args=[translation_.target_page_id])
        model = snippet_models.get(source.specific_content_type_id)
        if model is not None and translation_.target_snippet_id:
            return reverse(
                model.snippet_viewset.get_url_name("edit"), args=[translation_.target_snippet_id]
            )
    return reverse("wagtail_localize:update_translations", args=[source.pk])


def untranslated_pages_panel(user, now):
    """Translators: pages whose translation is still an alias of the original
    (visitors of that language read the original text); one query."""
    if not _can_translate(user):
        return None
    aliases = (
        Page.objects.filter(alias_of__isnull=False)
        .exclude(alias_of__locale_id=F("locale_id"))
        .exclude(locale__language_code=settings.LANGUAGE_CODE)
        .select_related("locale")
        .order_by("path")
    )
    rows = [
        DeskRow(
            _("%(name)s (%(language)s)")
            % {"name": page.title, "language": page.locale.get_display_name()},
            url=reverse("wagtailadmin_pages:edit", args=[page.pk]),
            note=_("Shows the original text: translate it."),
        )
        for page in aliases
    ]
    return DeskPanel(
        "untranslated-pages",
        _("Pages not yet translated"),
        rows,
        empty=_("Every page has its translation."),
    )


def _translatable_snippet_models():
    return [model for model in get_snippet_models() if issubclass(model, TranslatableMixin)]


def untranslated_records_panel(user, now):
    """Translators: translatable records (municipalities, sectors, parties…)
    with no row yet in one of the other languages, counted per kind; one
    query (a union of one count per kind and language)."""
    if not _can_translate(user):
        return None
    models = _translatable_snippet_models()
    languages = [code for code, _name in settings.LANGUAGES if code != settings.LANGUAGE_CODE]
    counts = []
    for n, model in enumerate(models):
        for m, language in enumerate(languages):
            translated = model.objects.filter(locale__language_code=language).values(
                "translation_key"
            )
            counts.append(
                model.objects.filter(locale__language_code=settings.LANGUAGE_CODE)
                .exclude(translation_key__in=translated)
                .order_by()
                .values("locale_id")
                .annotate(kind=Value(n), language=Value(m), missing=Count("pk"))
                .values_list("kind", "language", "missing")
            )
    rows = []
    if counts:
        found = counts[0].union(*counts[1:], all=True) if len(counts) > 1 else counts[0]
        for kind, language, missing in sorted(found):
            model = models[kind]
            rows.append(
                DeskRow(
                    _("%(name)s (%(language)s)")
                    % {
                        "name": capfirst(model._meta.verbose_name_plural),
                        "language": get_language_info(languages[language])["name_translated"],
                    },
                    missing,
                    reverse(model.snippet_viewset.get_url_name("list")),
                    _("Records with no translation in this language."),
                )
            )
    return DeskPanel(
        "untranslated-records",
        _("Records not yet translated"),
        rows,
        empty=_("Every record has its translation."),
    )

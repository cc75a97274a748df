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
from django.core.mail import send_mail
from django.db.models import Count, F, OuterRef, Q, Subquery, Value
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import get_language_info
from django.utils.translation import gettext as _

from wagtail import hooks
from wagtail.admin.ui.components import Component
from wagtail.models import Page, TranslatableMixin
from wagtail.snippets.models import get_snippet_models
from wagtail.users.models import UserProfile
from wagtail_localize.models import Translation

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


def translations_panel(user, now):
    """Translators: translations whose target is missing (never saved) or out
    of date (the source changed since it was last synchronised, or was
    synchronised and not yet carried into the translation); one query."""
    if not _can_translate(user):
        return None
    same_object = Page.objects.filter(translation_key=OuterRef("source__object_id"))
    translations = (
        Translation.objects.filter(enabled=True)
        .annotate(
            source_published_at=Subquery(
                same_object.filter(locale_id=OuterRef("source__locale_id")).values(
                    "last_published_at"
                )[:1]
            ),
            target_page_id=Subquery(
                same_object.filter(locale_id=OuterRef("target_locale_id")).values("pk")[:1]
            ),
        )
        .filter(
            Q(destination_last_updated_at__isnull=True)
            | Q(source__last_updated_at__gt=F("destination_last_updated_at"))
            | Q(source_published_at__gt=F("source__last_updated_at"))
        )
        .select_related("source", "target_locale")
        .order_by("source__object_repr", "target_locale__language_code")
    )
    rows = []
    for translation_ in translations:
        source = translation_.source
        language = translation_.target_locale.get_display_name()
        stale = translation_.source_published_at and (
            translation_.source_published_at > source.last_updated_at
        )
        if stale:
            note = _("The original changed: synchronise the translation.")
            url = reverse("wagtail_localize:update_translations", args=[source.pk])
        elif translation_.destination_last_updated_at is None:
            note = _("Not translated yet.")
            url = (
                reverse("wagtailadmin_pages:edit", args=[translation_.target_page_id])
                if translation_.target_page_id
                else reverse("wagtail_localize:update_translations", args=[source.pk])
            )
        else:
            note = _("Synchronised, not yet carried into the translation.")
            url = (
                reverse("wagtailadmin_pages:edit", args=[translation_.target_page_id])
                if translation_.target_page_id
                else reverse("wagtail_localize:update_translations", args=[source.pk])
            )
        rows.append(
            DeskRow(
                _("%(name)s (%(language)s)") % {"name": source.object_repr, "language": language},
                url=url,
                note=note,
            )
        )
    return DeskPanel(
        "translations",
        _("Translations to bring up to date"),
        rows,
        empty=_("Every translation is up to date."),
    )


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

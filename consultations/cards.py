"""The consultation page's priority cards, kept between requests.

Rendering a card (its texts, counts, latest threads, forms) is most of what a
consultation page costs. Where the page cache is on, each card is kept as
rendered HTML under the *current* page generation (`pagecache.invalidation`:
every support, comment, report or edit draws a new one, so a kept card never
shows an old count or discussion), one entry per variant of what the card
shows a visitor: whether they support the priority, whether their supports
are all used, whether they may take part, whether they are signed in, the
listing the acts come back to. What is kept is the same for everyone who
sees that variant:

- the CSRF token of its forms is a placeholder, filled in per request;
- the threads are read as anyone reads them (visible comments, none
  reported); a card whose discussion the visitor sees differently (their own
  pending comment in it, their own or a reported comment among those shown)
  is rendered for them alone, with their threads, and never kept. So is a
  card with a follow form (a finalised contract's priority), and every card
  of a page sent back with a refused comment.

Where the page cache is off (development, tests) every card is rendered for
the visitor, as before.
"""

from django.conf import settings
from django.contrib.auth.models import AnonymousUser
from django.core.cache import cache
from django.middleware.csrf import get_token
from django.template.loader import get_template
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from pagecache.fragments import key_for
from pagecache.invalidation import current_token

from .models import Comment
from .states import Phase

CARD_TEMPLATE = "consultations/includes/priority.html"
# Stands for the visitor's CSRF token in kept cards. Comment text cannot
# forge it: it is escaped, and the placeholder is matched with its quotes.
CSRF_PLACEHOLDER = "kept-card-csrf-token"
CSRF_FIELD = 'name="csrfmiddlewaretoken" value="{}"'


def _shown_ids(threads):
    return {c.pk for top in threads for c in (top, *top.shown_replies)}


def _attach(priorities, threads):
    for priority in priorities:
        priority.threads = threads.get(priority.pk, [])
        priority.shown_comment_count = sum(1 + len(c.shown_replies) for c in priority.threads)


def render_cards(context):
    """The cards of `context["priorities"]` (the consultation page's
    context), as one piece of HTML."""
    request = context["request"]
    user = context["user"]
    priorities = list(context["priorities"])
    per_priority = context["threads_per_priority"]
    phase = context["phase"]
    refusal = context.get("comment_refusal")
    values = {
        "request": request,
        "user": user,
        "page": context["page"],
        "contract": context["contract"],
        "phase": phase,
        "taking_part": context["taking_part"],
        "at_cap": context["at_cap"],
        "listing_query": context["listing_query"],
        "comment_refusal": refusal,
        "comment_help_id": "comment-help",
        "csrf_token": CSRF_PLACEHOLDER,
    }
    template = get_template(CARD_TEMPLATE)
    seconds = getattr(settings, "POP_PAGE_CACHE_SECONDS", 0)
    html = {}
    live = [p for p in priorities if refusal or not seconds or _follows(phase, p)]
    kept = [p for p in priorities if p not in live]
    pending, ids = context["personal"].pending, context["personal"].ids
    live += [p for p in kept if p.pk in pending]
    kept = [p for p in kept if p.pk not in pending]
    if kept:
        token = current_token()
        variant = (
            get_language(),
            context["page"].pk,
            phase,
            context["at_cap"],
            bool(context["taking_part"]),
            user.is_authenticated,
            context["listing_query"],
            per_priority,
        )
        keys = {p.pk: key_for(token, ("card", p.pk, p.supported, *variant)) for p in kept}
        found = cache.get_many(keys.values())
        missing = [p for p in kept if keys[p.pk] not in found]
        if missing:
            threads = Comment.objects.filter(priority__in=[p.pk for p in missing]).latest_threads(
                AnonymousUser(), per_priority=per_priority
            )
            _attach(missing, threads)
            fresh = {}
            for priority in missing:
                entry = (
                    template.render({**values, "priority": priority}),
                    _shown_ids(priority.threads),
                )
                fresh[keys[priority.pk]] = entry
            cache.set_many(fresh, seconds)
            found.update(fresh)
        for priority in kept:
            card, shown = found[keys[priority.pk]]
            if shown & ids:
                live.append(priority)
            else:
                html[priority.pk] = card
    if live:
        threads = Comment.objects.filter(priority__in=[p.pk for p in live]).latest_threads(
            user, per_priority=per_priority
        )
        _attach(live, threads)
        for priority in live:
            html[priority.pk] = template.render({**values, "priority": priority})
    joined = "".join(html[p.pk] for p in priorities)
    if CSRF_PLACEHOLDER in joined:
        joined = joined.replace(
            CSRF_FIELD.format(CSRF_PLACEHOLDER), CSRF_FIELD.format(_csrf_token(context))
        )
    return mark_safe(joined)  # noqa: S308 - rendered by the template, autoescaped


def _follows(phase, priority):
    """Whether the card carries the visitor's follow form."""
    return phase == Phase.FINALISED and priority.in_contract


def _csrf_token(context):
    """The token the page's other forms carry (the same masked value)."""
    token = str(context.get("csrf_token") or "")
    if not token or token == "NOTPROVIDED":  # noqa: S105 - Django's marker, not a secret
        token = get_token(context["request"])
    return escape(token)

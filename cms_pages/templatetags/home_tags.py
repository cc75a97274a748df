"""The home page's sections, contributed by the apps.

The contract (other apps plug into it; `cms_pages` imports none of them):

- An app registers, in its `wagtail_hooks.py`, a function under the hook
  name ``"home_page_sections"``::

      @hooks.register("home_page_sections", order=10)
      def open_consultations(request, page):
          return render_to_string("consultations/home_section.html", {...}, request)

- Each function is called as ``fn(request, page)`` (``page`` is the home page
  being shown, in the visitor's language) and returns HTML: a SafeString,
  usually from `render_to_string` of the app's own template, or ``""`` to
  show nothing (no open consultation, for example).
- Sections are rendered in hook order: consultations use ``order=10``,
  forums ``20``, scorecards ``30``; `cms_pages`' own "latest news" is ``100``.
- Each section brings its own heading (``<h2>``) and landmark markup
  (``<section aria-labelledby=…>``) and keeps its queries fixed in number.
- A section shows the same to every visitor (nothing about who is signed
  in): the sections' HTML is kept with the site chrome (`cms_pages.caching`,
  retired whenever pages, snippets or records change, and after the page
  cache's lifetime), so a signed-in visitor's home page reuses it too.

Templates show them with ``{% load home_tags %}{% home_page_sections %}``.
"""

from django import template
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from wagtail import hooks

from cms_pages.caching import cached

register = template.Library()

HOOK_NAME = "home_page_sections"


def render_hook_sections(hook_name, *args):
    """The HTML every function registered under `hook_name` returns for
    `args`, in hook order; each part is escaped unless already safe. Other
    apps' section hooks (the contract page's, for one) render through it."""
    parts = []
    for section in hooks.get_hooks(hook_name):
        html = section(*args)
        if html:
            parts.append(conditional_escape(html))
    return mark_safe("\n".join(parts))  # noqa: S308 - each part is escaped unless already safe


@register.simple_tag(takes_context=True)
def home_page_sections(context):
    """The HTML of every registered home page section, in hook order, kept
    with the chrome (see the module docstring)."""
    request, page = context.get("request"), context.get("page")
    host = request.get_host() if request is not None else ""
    key = ("home-sections", getattr(page, "pk", None), get_language(), host)
    html = cached(key, lambda: str(render_hook_sections(HOOK_NAME, request, page)))
    return mark_safe(html)  # noqa: S308 - each section escaped by render_hook_sections

"""Sections other apps add to a consultation (Social Contract) page.

The contract (`consultations` imports none of the apps that plug in):

- An app registers, in its `wagtail_hooks.py`, a function under the hook
  name ``"contract_page_sections"``::

      @hooks.register("contract_page_sections", order=10)
      def signatories(request, page, contract):
          return render_to_string("forums/contract_section.html", {...}, request)

- Each function is called as ``fn(request, page, contract)`` (the
  consultation page being shown, in the visitor's language, and its
  source-language `SocialContract`) and returns HTML (usually from
  `render_to_string`), or ``""`` to show nothing.
- Sections are rendered in hook order, after the summary of a finalised
  contract; each brings its own heading and landmark markup and keeps its
  queries fixed in number.

Templates show them with ``{% load contract_tags %}{% contract_page_sections %}``.
"""

from django import template

from cms_pages.templatetags.home_tags import render_hook_sections

register = template.Library()

HOOK_NAME = "contract_page_sections"


@register.simple_tag(takes_context=True)
def contract_page_sections(context):
    """The HTML of every registered contract page section, in hook order."""
    contract = context.get("contract")
    if contract is None:
        return ""
    return render_hook_sections(HOOK_NAME, context.get("request"), context.get("page"), contract)

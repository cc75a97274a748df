"""Releases in the Wagtail admin: the list, and freezing a new one (the
election, the date and the title in every language; a preview of the figures
it will keep before the editor confirms). A frozen release is never edited
nor deleted: it is a public record."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.defaults import permission_denied

from cms_pages.models import texts_by_language

from . import rules
from .models import Release, ReleaseRefused, elections
from .models.releases import in_language


class FreezeForm(forms.Form):
    """What a release is: an election's contracts, a date, a title."""

    election = forms.ModelChoiceField(
        label=gettext_lazy("Election"),
        queryset=None,
        help_text=gettext_lazy("The mandate whose contracts the release covers."),
    )
    as_of = forms.DateField(
        label=gettext_lazy("As of"),
        help_text=gettext_lazy("The date the figures describe, e.g. 2020-12-31."),
    )
    slug = forms.SlugField(
        label=gettext_lazy("Address"),
        max_length=80,
        required=False,
        help_text=gettext_lazy("The end of its permanent address; left empty, one is made."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["election"].queryset = elections().monitored()
        for code, name in settings.LANGUAGES:
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Title (%(language)s)") % {"language": _(name)},
                max_length=200,
                help_text=_("For example: Year 1 of the 2019–2023 mandate."),
            )

    def titles(self):
        return {code: self.cleaned_data[f"title_{code}"] for code, _name in settings.LANGUAGES}


def _refused(request):
    decision = rules.can_freeze_release(request.user)
    if not decision:
        return permission_denied(request, PermissionDenied(decision.message))
    return None


def release_list(request):
    if (refusal := _refused(request)) is not None:
        return refusal
    releases = Release.objects.latest_first().select_related("election", "frozen_by")
    return TemplateResponse(request, "scorecards/releases/admin_list.html", {"releases": releases})


def freeze(request):
    """GET: the form; POST: the preview, then (with `confirm`) the release."""
    if (refusal := _refused(request)) is not None:
        return refusal
    form = FreezeForm(request.POST or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if request.POST.get("confirm") == "yes":
            try:
                release = Release.objects.freeze(
                    request.user, data["election"], data["as_of"], form.titles(), data["slug"]
                )
            except ReleaseRefused as refused:
                form.add_error(None, refused.message)
            else:
                messages.success(request, _("Release “%(title)s” frozen.") % {"title": release})
                return redirect("scorecards_releases")
        else:
            network, per_municipality, municipalities, items = Release.objects.snapshot(
                data["election"], data["as_of"]
            )
            context["preview"] = {
                "network": network,
                "municipalities": [
                    (in_language(texts_by_language(m, "name")), per_municipality[m.pk])
                    for m in municipalities
                ],
                "priorities": len(items),
            }
    return TemplateResponse(request, "scorecards/releases/admin_freeze.html", context)

"""Parties, candidacies, positions and endorsements in the Wagtail admin, and
the log actions candidates' acts are recorded under."""

import django_filters

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.log_actions import log
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms_pages.models import Election, Municipality

from .models import Candidacy, CandidacyStatus, Endorsement, EndorsementMethod, Party, Position


def _source_elections():
    return Election.objects.filter(locale__language_code=settings.LANGUAGE_CODE)


class PartyViewSet(SnippetViewSet):
    model = Party
    icon = "flag"
    menu_label = _("Parties")
    list_display = ["name", "short_name", "colour"]
    list_filter = ["locale"]


class CandidacyFilterSet(WagtailFilterSet):
    municipality = django_filters.ModelChoiceFilter(
        queryset=Municipality.objects.source(), label=_("Municipality")
    )
    election = django_filters.ModelChoiceFilter(queryset=_source_elections(), label=_("Election"))
    status = django_filters.ChoiceFilter(choices=CandidacyStatus.choices, label=_("Status"))

    class Meta:
        model = Candidacy
        fields = ["municipality", "election", "status", "party", "won"]


class CandidacyViewSet(SnippetViewSet):
    model = Candidacy
    icon = "user"
    menu_label = _("Candidacies")
    filterset_class = CandidacyFilterSet
    list_display = ["full_name", "party", "municipality", "election", "status", "won"]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return Candidacy.objects.select_related("party", "municipality", "election")


class PositionFilterSet(WagtailFilterSet):
    candidacy__municipality = django_filters.ModelChoiceFilter(
        queryset=Municipality.objects.source(), label=_("Municipality")
    )
    candidacy__election = django_filters.ModelChoiceFilter(
        queryset=_source_elections(), label=_("Election")
    )

    class Meta:
        model = Position
        fields = ["stance"]


class PositionViewSet(SnippetViewSet):
    model = Position
    icon = "list-ul"
    menu_label = _("Positions")
    filterset_class = PositionFilterSet
    list_display = ["candidacy", "priority", "stance", "updated_at"]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return Position.objects.select_related("candidacy", "priority")


class EndorsementFilterSet(WagtailFilterSet):
    contract__municipality = django_filters.ModelChoiceFilter(
        queryset=Municipality.objects.source(), label=_("Municipality")
    )
    contract__election = django_filters.ModelChoiceFilter(
        queryset=_source_elections(), label=_("Election")
    )
    withdrawn = django_filters.BooleanFilter(
        field_name="withdrawn_at", lookup_expr="isnull", exclude=True, label=_("Withdrawn")
    )

    class Meta:
        model = Endorsement
        fields = ["method"]


class EndorsementViewSet(SnippetViewSet):
    model = Endorsement
    icon = "doc-full-inverse"
    menu_label = _("Endorsements")
    filterset_class = EndorsementFilterSet
    list_display = ["candidacy", "contract", "signed_name", "method", "signed_at", "withdrawn_at"]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return Endorsement.objects.select_related(
            "candidacy", "contract__municipality", "contract__election"
        )


class ForumsViewSetGroup(SnippetViewSetGroup):
    items = (CandidacyViewSet, PartyViewSet, PositionViewSet, EndorsementViewSet)
    menu_icon = "user"
    menu_label = _("Candidates")
    menu_name = "candidates"


register_snippet(ForumsViewSetGroup)


@hooks.register("after_edit_snippet")
@hooks.register("after_create_snippet")
def record_confirmation(request, instance):
    """Who confirmed a candidacy, and when, is set by the admin, not typed."""
    if isinstance(instance, Candidacy):
        if instance.status == CandidacyStatus.CONFIRMED and instance.confirmed_at is None:
            instance.confirmed_by = request.user
            instance.confirmed_at = timezone.now()
            instance.save(update_fields=["confirmed_by", "confirmed_at"])
            log(instance, "forums.candidacy.confirm", user=request.user)
        elif instance.status != CandidacyStatus.CONFIRMED and instance.confirmed_at is not None:
            instance.confirmed_by = None
            instance.confirmed_at = None
            instance.save(update_fields=["confirmed_by", "confirmed_at"])
    elif isinstance(instance, Endorsement) and instance.method == EndorsementMethod.FORUM:
        log(instance, "forums.endorsement.record", user=request.user)


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        "forums.candidacy.confirm", _("Confirm candidacy"), _("Candidacy confirmed")
    )
    actions.register_action("forums.position.change", _("Change position"), _("Position changed"))
    actions.register_action(
        "forums.endorsement.sign", _("Sign contract"), _("Contract signed online")
    )
    actions.register_action(
        "forums.endorsement.record",
        _("Record signature at the forum"),
        _("Signature at the forum recorded"),
    )
    actions.register_action(
        "forums.endorsement.withdraw", _("Withdraw signature"), _("Signature withdrawn")
    )


@hooks.register("before_delete_snippet")
def refuse_deleting_endorsements(request, instances):
    """Endorsements are the public record: withdrawn, never deleted."""
    if any(isinstance(instance, Endorsement) for instance in instances):
        messages.error(
            request,
            _("Endorsements are part of the public record: they can be withdrawn, not deleted."),
        )
        return redirect(request.META.get("HTTP_REFERER") or reverse("wagtailadmin_home"))
    return None


# Forum pages and citizens' questions: their own hooks module.
from . import wagtail_hooks_forums  # noqa: E402, F401

"""Parties, candidacies, positions and endorsements in the Wagtail admin, the
editors' acts on a candidacy (invite, confirm or decline, forum signature,
result: `forums.candidates.admin_views`), the log actions everything is
recorded under, and the signatories on a contract's page. Imported by
`forums.wagtail_hooks`, the entry point Wagtail loads."""

import django_filters

from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.widgets import ListingButton
from wagtail.log_actions import log
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from cms_pages.choosers import SourceLocaleChooserViewSet
from cms_pages.models import Election, Municipality

from ..models import Candidacy, CandidacyStatus, Endorsement, EndorsementMethod, Party, Position
from ..rules import candidates as rules
from . import admin_views


def _source_elections():
    return Election.objects.filter(locale__language_code=settings.LANGUAGE_CODE)


class PartyViewSet(SnippetViewSet):
    model = Party
    icon = "flag"
    chooser_viewset_class = SourceLocaleChooserViewSet
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
def record_candidacy_changes(request, instance):
    """A status or result changed through the edit form is recorded (and
    announced) as through the dedicated actions: who, when, in the log."""
    if isinstance(instance, Candidacy):
        instance.record_edit(request.user)
    elif isinstance(instance, Endorsement) and instance.method == EndorsementMethod.FORUM:
        log(instance, "forums.endorsement.record", user=request.user)


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [
        path(
            "forums/candidacies/<int:candidacy_id>/",
            admin_views.manage,
            name="forums_candidacy_manage",
        ),
        path(
            "forums/candidacies/<int:candidacy_id>/confirm/",
            admin_views.confirm,
            name="forums_candidacy_confirm",
        ),
        path(
            "forums/candidacies/<int:candidacy_id>/decline/",
            admin_views.decline,
            name="forums_candidacy_decline",
        ),
        path(
            "forums/candidacies/<int:candidacy_id>/forum-signature/",
            admin_views.forum_signature,
            name="forums_candidacy_forum_signature",
        ),
        path(
            "forums/candidacies/<int:candidacy_id>/result/",
            admin_views.result,
            name="forums_candidacy_result",
        ),
        path(
            "forums/candidacies/<int:candidacy_id>/unlink/",
            admin_views.unlink_account,
            name="forums_candidacy_unlink",
        ),
        path(
            "forums/invitations/<int:invitation_id>/revoke/",
            admin_views.revoke_invitation,
            name="forums_invitation_revoke",
        ),
    ]


@hooks.register("register_snippet_listing_buttons")
def candidacy_listing_buttons(snippet, user, next_url=None):
    if isinstance(snippet, Candidacy) and rules.can_manage_candidacies(user):
        yield ListingButton(
            _("Invite, decide, record signature, result"),
            reverse("forums_candidacy_manage", args=[snippet.pk]),
            icon_name="mail",
            priority=5,
        )


@hooks.register("register_log_actions")
def register_log_actions(actions):
    actions.register_action(
        "forums.candidacy.confirm", _("Confirm candidacy"), _("Candidacy confirmed")
    )
    actions.register_action(
        "forums.candidacy.decline", _("Decline candidacy"), _("Candidacy declined")
    )
    actions.register_action(
        "forums.candidacy.request", _("Ask for candidacy"), _("Candidacy requested")
    )
    actions.register_action("forums.candidacy.won", _("Mark as elected"), _("Marked as elected"))
    actions.register_action(
        "forums.candidacy.lost", _("Unmark as elected"), _("No longer marked as elected")
    )
    actions.register_action("forums.invitation.send", _("Send invitation"), _("Invitation sent"))
    actions.register_action(
        "forums.invitation.revoke", _("Revoke invitation"), _("Invitation revoked")
    )
    actions.register_action(
        "forums.invitation.claim", _("Accept invitation"), _("Invitation accepted")
    )
    actions.register_action(
        "forums.candidacy.unlink", _("Unlink account"), _("Account unlinked from the candidacy")
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


@hooks.register("contract_page_sections", order=10)
def signatories_section(request, page, contract):
    """On a finalised contract's page: who signed it, who withdrew, who has
    not signed, and the link to the offers side by side."""
    if contract.finalised_at is None:
        return ""
    context = Endorsement.objects.signatories(contract)
    context.update({"contract": contract})
    return render_to_string("forums/contract_section.html", context, request)

"""The right of reply in the Wagtail admin: editors invite a municipality's
respondent (the mayor's office), see and revoke respondents, and read the
replies, which nobody edits; they may hide one, with a reason. Every act is
in Wagtail's log. Thin: `scorecards.rules` decides, the models write."""

import django_filters

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import HeaderButton, ListingButton
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import IndexView, SnippetViewSet, SnippetViewSetGroup

from cms_pages.models import Municipality
from forums.models import Refused

from . import rules
from .models import Reply, Respondent


class EditorsReadOnlyPolicy(ModelPermissionPolicy):
    """Editors see and inspect the rows; nobody adds, edits or deletes them
    through the generic views (the acts have their own views)."""

    def user_has_permission(self, user, action):
        return action == "view" and bool(rules.can_manage_respondents(user))

    def user_has_any_permission(self, user, actions):
        return any(self.user_has_permission(user, action) for action in actions)


register_permission_policy(Respondent, EditorsReadOnlyPolicy(Respondent))
register_permission_policy(Reply, EditorsReadOnlyPolicy(Reply))


class RespondentInvitationForm(forms.Form):
    municipality = forms.ModelChoiceField(
        label=_("Municipality"), queryset=Municipality.objects.source()
    )
    email = forms.EmailField(
        label=_("E-mail address of the mayor's office"),
        help_text=_(
            "The link goes there; only an account with this address, verified, can use it."
        ),
    )


class HideReplyForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3, "maxlength": 300}),
        help_text=_("Shown to the public in place of the reply."),
    )


class RespondentFilterSet(WagtailFilterSet):
    municipality = django_filters.ModelChoiceFilter(
        queryset=Municipality.objects.source(), label=_("Municipality")
    )

    class Meta:
        model = Respondent
        fields = ["municipality"]


class RespondentIndexView(IndexView):
    @property
    def header_buttons(self):
        return [
            HeaderButton(
                _("Invite a respondent"),
                url=reverse("scorecards_respondent_invite"),
                icon_name="mail",
            )
        ]


class RespondentViewSet(SnippetViewSet):
    model = Respondent
    index_view_class = RespondentIndexView
    icon = "user"
    menu_label = _("Respondents")
    filterset_class = RespondentFilterSet
    list_display = [
        "municipality",
        "email",
        Column("state", label=_("State")),
        "invited_at",
        "claimed_at",
    ]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return Respondent.objects.select_related("municipality")


class ReplyViewSet(SnippetViewSet):
    model = Reply
    icon = "openquote"
    menu_label = _("Replies")
    list_display = [
        "assessment",
        Column("municipality", label=_("Municipality"), accessor="respondent.municipality"),
        "posted_at",
        "hidden_at",
    ]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return Reply.objects.select_related("assessment__priority", "respondent__municipality")


class RepliesViewSetGroup(SnippetViewSetGroup):
    items = (RespondentViewSet, ReplyViewSet)
    menu_icon = "openquote"
    menu_label = _("Right of reply")
    menu_name = "right-of-reply"


register_snippet(RepliesViewSetGroup)


LIST_URL_NAME = "wagtailsnippets_scorecards_respondent:list"
REPLIES_URL_NAME = "wagtailsnippets_scorecards_reply:list"


def _require_editor(request):
    decision = rules.can_manage_respondents(request.user)
    if not decision:
        raise PermissionDenied(decision.message)


def invite(request):
    _require_editor(request)
    form = RespondentInvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        email = form.cleaned_data["email"]
        Respondent.objects.invite(form.cleaned_data["municipality"], email, request.user)
        messages.success(
            request, gettext("The invitation is on its way to %(email)s.") % {"email": email}
        )
        return redirect(LIST_URL_NAME)
    return TemplateResponse(request, "scorecards/replies/admin_invite.html", {"form": form})


def revoke(request, respondent_id):
    """Confirm, then end the role (or cancel the link)."""
    _require_editor(request)
    respondent = get_object_or_404(
        Respondent.objects.select_related("municipality"), pk=respondent_id, revoked_at__isnull=True
    )
    if request.method == "POST":
        respondent.revoke(request.user)
        messages.success(
            request, gettext("The respondent is revoked: the account no longer replies.")
        )
        return redirect(LIST_URL_NAME)
    return TemplateResponse(
        request, "scorecards/replies/admin_revoke.html", {"respondent": respondent}
    )


def hide(request, reply_id):
    _require_editor(request)
    reply = get_object_or_404(
        Reply.objects.select_related("assessment__priority"), pk=reply_id, hidden_at__isnull=True
    )
    form = HideReplyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reply.hide(request.user, form.cleaned_data["reason"])
        except Refused as refused:
            form.add_error("reason", refused.message)
        else:
            messages.success(request, gettext("The reply is hidden; the reason is shown instead."))
            return redirect(REPLIES_URL_NAME)
    return TemplateResponse(
        request, "scorecards/replies/admin_hide.html", {"form": form, "reply": reply}
    )


def admin_urls():
    return [
        path("scorecards/respondents/invite/", invite, name="scorecards_respondent_invite"),
        path(
            "scorecards/respondents/<int:respondent_id>/revoke/",
            revoke,
            name="scorecards_respondent_revoke",
        ),
        path("scorecards/replies/<int:reply_id>/hide/", hide, name="scorecards_reply_hide"),
    ]


def listing_buttons(snippet, user, next_url=None):
    if not rules.can_manage_respondents(user):
        return
    if isinstance(snippet, Respondent) and snippet.revoked_at is None:
        yield ListingButton(
            _("Revoke"),
            reverse("scorecards_respondent_revoke", args=[snippet.pk]),
            icon_name="cross",
            priority=5,
        )
    if isinstance(snippet, Reply) and not snippet.is_hidden:
        yield ListingButton(
            _("Hide, with a reason"),
            reverse("scorecards_reply_hide", args=[snippet.pk]),
            icon_name="view",
            priority=5,
        )


def register_log_actions(actions):
    actions.register_action(
        "scorecards.respondent.invite", _("Invite respondent"), _("Respondent invited")
    )
    actions.register_action(
        "scorecards.respondent.claim", _("Accept invitation"), _("Invitation accepted")
    )
    actions.register_action(
        "scorecards.respondent.revoke", _("Revoke respondent"), _("Respondent revoked")
    )
    actions.register_action("scorecards.reply.post", _("Post reply"), _("Reply posted"))
    actions.register_action("scorecards.reply.hide", _("Hide reply"), _("Reply hidden"))

"""Forum pages and citizens' questions in the Wagtail admin and on the home
page: the questions' snippet viewset and moderation views, their log
actions, and the home page's "upcoming forums" section. Imported by
`forums.wagtail_hooks`, the entry point Wagtail loads."""

import django_filters

from django.conf import settings
from django.contrib import messages
from django.db.models import Count
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.ui.tables import Column
from wagtail.admin.widgets import ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from ..models import ForumPage, Question, QuestionState
from ..rules import questions as rules
from . import admin_views

UPCOMING_ON_HOME = 3


class QuestionFilterSet(WagtailFilterSet):
    state = django_filters.ChoiceFilter(choices=QuestionState.choices, label=_("State"))
    forum = django_filters.ModelChoiceFilter(
        queryset=ForumPage.objects.filter(locale__language_code=settings.LANGUAGE_CODE).order_by(
            "-starts_at"
        ),
        label=_("Forum"),
    )
    answered = django_filters.BooleanFilter(
        field_name="answered_at", lookup_expr="isnull", exclude=True, label=_("Answered")
    )

    class Meta:
        model = Question
        fields = ["state", "forum"]


class QuestionViewSet(SnippetViewSet):
    """Citizens' questions: moderators filter, search and open one to approve,
    reject or mark it answered (see `forums.events.admin_views`)."""

    model = Question
    icon = "help"
    menu_label = _("Forum questions")
    menu_name = "forum-questions"
    menu_order = 260
    add_to_admin_menu = True
    filterset_class = QuestionFilterSet
    list_display = [
        "__str__",
        "forum",
        Column("author", label=_("Asked by"), accessor="author_name"),
        Column("state", label=_("State"), accessor="get_state_display"),
        Column("upvotes", label=_("Upvotes"), accessor="upvote_count"),
        Column("answered_at", label=_("Answered at")),
        "created_at",
    ]
    inspect_view_enabled = True

    def get_queryset(self, request):
        return Question.objects.select_related("forum", "author").annotate(
            upvote_count=Count("upvotes")
        )


register_snippet(QuestionViewSet)


@hooks.register("register_snippet_listing_buttons")
def question_moderation_button(snippet, user, next_url=None):
    if isinstance(snippet, Question) and rules.can_moderate(user):
        yield ListingButton(
            _("Moderate"),
            reverse("forums_moderate_question", args=[snippet.pk]),
            icon_name="help",
            priority=5,
        )


@hooks.register("register_admin_urls")
def register_question_urls():
    return [
        path(
            "forums/questions/<int:question_id>/",
            admin_views.moderate,
            name="forums_moderate_question",
        ),
        path(
            "forums/questions/<int:question_id>/approve/",
            admin_views.approve,
            name="forums_approve_question",
        ),
        path(
            "forums/questions/<int:question_id>/reject/",
            admin_views.reject,
            name="forums_reject_question",
        ),
        path(
            "forums/questions/<int:question_id>/answered/",
            admin_views.mark_answered,
            name="forums_answer_question",
        ),
    ]


@hooks.register("register_log_actions")
def register_question_log_actions(actions):
    actions.register_action(
        "forums.question.approve", _("Approve forum question"), _("Forum question approved")
    )
    actions.register_action(
        "forums.question.reject", _("Reject forum question"), _("Forum question rejected")
    )
    actions.register_action(
        "forums.question.answer",
        _("Mark forum question answered"),
        _("Forum question marked answered"),
    )


@hooks.register("before_delete_page")
def refuse_deleting_forums_with_questions(request, page):
    """Citizens' questions are part of the public record: a forum that has
    some cannot be deleted (unpublish it instead)."""
    if isinstance(page.specific, ForumPage) and Question.objects.filter(forum=page).exists():
        messages.error(
            request,
            _(
                "“%(title)s” cannot be deleted: citizens have sent questions for it. "
                "Unpublish it instead."
            )
            % {"title": page.title},
        )
        return redirect(reverse("wagtailadmin_pages:edit", args=[page.pk]))
    return None


@hooks.register("home_page_sections", order=20)
def upcoming_forums_section(request, page):
    """The home page's "upcoming forums" section, or "" when none is ahead;
    one query (forums are public events: no view restrictions are asked)."""
    pages = list(
        ForumPage.objects.live()
        .filter(locale_id=page.locale_id, starts_at__gt=timezone.now())
        .order_by("starts_at", "pk")[:UPCOMING_ON_HOME]
    )
    if not pages:
        return ""
    return render_to_string(
        "forums/home_forums_section.html", {"pages": pages, "page": page}, request=request
    )

"""Public views of forum pages: the index, the forum with its questions,
asking and upvoting, and the calendar file. Thin: rules decide, models
count. Questions and upvotes always point at the Albanian forum page."""

import icalendar

from django.conf import settings
from django.contrib import messages
from django.db import IntegrityError, transaction
from django.http import HttpResponse, HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from cms_pages.models import Election, Municipality, PartnerOrganisation
from consultations import limits
from consultations.models import Priority

from . import question_rules as rules
from .models import TIRANE, Candidacy, Question, QuestionState, Upvote
from .question_forms import QuestionForm

TOP_QUESTIONS = 50

# --- the index page -----------------------------------------------------------


def _localized(model, rows):
    """`{translation_key: name}` of `rows` in the active language (one query
    outside Albanian, none in Albanian)."""
    language = get_language() or settings.LANGUAGE_CODE
    names = {row.translation_key: row.name for row in rows}
    if rows and language != settings.LANGUAGE_CODE:
        names.update(
            model.objects.filter(
                translation_key__in=list(names), locale__language_code=language
            ).values_list("translation_key", "name")
        )
    return names


def index_context(request, index_page):
    """Upcoming forums (soonest first) and past ones (latest first), filtered
    by municipality slug and election year."""
    all_pages = list(index_page.forums())
    municipality = request.GET.get("municipality", "")
    year = request.GET.get("election", "")
    pages = all_pages
    if municipality:
        pages = [p for p in pages if p.municipality.slug == municipality]
    if year:
        pages = [p for p in pages if str(p.election.date.year) == year]
    municipality_names = _localized(Municipality, list({p.municipality for p in all_pages}))
    election_names = _localized(Election, list({p.election for p in all_pages}))
    for page in all_pages:
        page.municipality_name = municipality_names[page.municipality.translation_key]
        page.election_name = election_names[page.election.translation_key]
    now = timezone.now()
    return {
        "upcoming_pages": [p for p in pages if p.is_upcoming(now)],
        "past_pages": sorted(
            (p for p in pages if not p.is_upcoming(now)),
            key=lambda p: p.starts_at,
            reverse=True,
        ),
        "municipalities": sorted(
            {(p.municipality.slug, p.municipality_name) for p in all_pages},
            key=lambda item: item[1],
        ),
        "elections": sorted(
            {(str(p.election.date.year), p.election_name) for p in all_pages}, reverse=True
        ),
        "selected_municipality": municipality,
        "selected_election": year,
    }


# --- the forum page -------------------------------------------------------------


def _contract_priorities(page):
    """The contract's priorities (source rows) and their titles in the active
    language, by translation key."""
    if page.contract_id is None:
        return Priority.objects.none(), {}
    priorities = Priority.objects.source().filter(contract_id=page.contract_id)
    if page.contract.finalised_at is not None:
        priorities = priorities.filter(in_contract=True)
    priorities = priorities.order_by("order", "pk")
    titles = {key: texts[0] for key, texts in priorities.localized_texts().items()}
    return priorities, titles


def forum_context(request, page, question_form=None):
    source = page.source_page()
    now = timezone.now()
    page_url = page.get_url(request)
    priorities, titles = _contract_priorities(page)
    questions = list(
        Question.objects.filter(forum=source)
        .top()
        .select_related("author", "priority")[:TOP_QUESTIONS]
    )
    upvoted = set()
    own = []
    if request.user.is_authenticated:
        upvoted = set(
            Upvote.objects.filter(citizen=request.user, question__forum=source).values_list(
                "question_id", flat=True
            )
        )
        own = list(
            Question.objects.filter(forum=source, author=request.user)
            .exclude(state=QuestionState.APPROVED)
            .order_by("-created_at")
        )
    for question in questions:
        question.upvoted = question.pk in upvoted
        question.own = request.user.is_authenticated and question.author_id == request.user.pk
        if question.priority_id:
            question.priority_title = titles.get(
                question.priority.translation_key, question.priority.title
            )
    municipality_names = _localized(Municipality, [page.municipality])
    election_names = _localized(Election, [page.election])
    partners = list(page.partners.all())
    partner_names = _localized(PartnerOrganisation, partners)
    candidates = list(
        Candidacy.objects.confirmed()
        .filter(municipality_id=page.municipality_id, election_id=page.election_id)
        .select_related("party")
        .order_by("full_name")
    )
    ask_decision = rules.can_ask(request.user, page, next_url=page_url, now=now)
    if question_form is None and ask_decision:
        question_form = QuestionForm(priorities=priorities, titles=titles)
    return {
        "now": now,
        "is_upcoming": page.is_upcoming(now),
        "municipality_name": municipality_names[page.municipality.translation_key],
        "election_name": election_names[page.election.translation_key],
        "partners": [(partner_names[p.translation_key], p.website) for p in partners],
        "candidates": candidates,
        "side_by_side_url": reverse(
            "forums:side_by_side",
            kwargs={"municipality": page.municipality.slug, "year": page.election.date.year},
        ),
        "questions": questions,
        "own_questions": own,
        "ask_decision": ask_decision,
        "question_form": question_form,
    }


# --- asking and upvoting -----------------------------------------------------


def _back(request, page, anchor):
    return redirect(f"{page.get_url(request)}#{anchor}")


def _refuse(request, page, decision, anchor):
    messages.error(request, decision.message)
    return _back(request, page, anchor)


def _rate_limited(user):
    """A few questions a minute and a daily ceiling, per citizen (limits from
    settings)."""
    per_day = getattr(settings, "FORUMS_QUESTIONS_PER_DAY", 10)
    passed = limits.over_limit(
        "forums:questions", user, getattr(settings, "FORUMS_QUESTIONS_PER_MINUTE", 2), per_day
    )
    if passed == limits.MINUTE:
        return _("You are writing quickly: please wait a minute before asking again.")
    if passed == limits.DAY:
        return _("You have reached today's limit of %(count)s questions. Thank you!") % {
            "count": per_day
        }
    return None


def _form_again(request, page, form, message):
    """Show the page again with what the citizen typed and why it was refused."""
    messages.error(request, message)
    response = page.render(
        request, context_overrides=forum_context(request, page, question_form=form)
    )
    response.status_code = 400
    return response


def ask(request, page):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    source = page.source_page()
    decision = rules.can_ask(request.user, page, next_url=page.get_url(request))
    if not decision:
        return _refuse(request, page, decision, "ask")
    priorities, titles = _contract_priorities(page)
    form = QuestionForm(request.POST, priorities=priorities, titles=titles)
    if not form.is_valid():
        errors = "; ".join(e for errors in form.errors.values() for e in errors)
        return _form_again(
            request, page, form, _("Your question was not sent: %(errors)s") % {"errors": errors}
        )
    limited = _rate_limited(request.user)
    if limited:
        return _form_again(request, page, form, limited)
    Question.objects.create(
        forum=source,
        author=request.user,
        text=form.cleaned_data["text"],
        priority=form.cleaned_data.get("priority"),
    )
    messages.success(
        request, _("Thank you. Your question will appear once a moderator has read it.")
    )
    return _back(request, page, "your-questions")


def upvote(request, page, question_id):
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    source = page.source_page()
    question = get_object_or_404(Question, pk=question_id, forum=source)
    decision = rules.can_upvote(request.user, question, page, next_url=page.get_url(request))
    if not decision:
        return _refuse(request, page, decision, question.anchor)
    try:
        with transaction.atomic():
            Upvote.objects.create(question=question, citizen=request.user)
    except IntegrityError:
        messages.info(request, _("You have already upvoted this question."))
        return _back(request, page, question.anchor)
    messages.success(request, _("You upvoted this question."))
    return _back(request, page, question.anchor)


# --- the calendar file ---------------------------------------------------------


def calendar(request, page):
    """The forum as an iCalendar event, in Tirana's time zone."""
    source = page.source_page()
    url = request.build_absolute_uri(page.get_url(request))
    event = icalendar.Event()
    event.add("uid", f"forum-{source.pk}@{request.get_host()}")
    event.add("dtstamp", timezone.now())
    event.add("dtstart", timezone.localtime(page.starts_at, TIRANE))
    event.add("dtend", timezone.localtime(page.finishes_at(), TIRANE))
    event.add("summary", page.title)
    event.add("location", ", ".join(part for part in (page.venue, page.address) if part))
    event.add("description", "\n\n".join(part for part in (page.intro, url) if part))
    event.add("url", url)
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Rrjeti POP//POP Platform//EN")
    cal.add("version", "2.0")
    cal.add_component(event)
    cal.add_missing_timezones()
    response = HttpResponse(cal.to_ical(), content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{page.slug}.ics"'
    return response

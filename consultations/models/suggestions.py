"""Priorities citizens suggest while a consultation is open, and what
editors decide about them (an accepted suggestion becomes a priority)."""

from django.conf import settings
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log

from .. import limits
from .contracts import Priority, PriorityOrigin
from .participation import RateLimited


class SuggestionState(models.TextChoices):
    PENDING = "pending", _("Waiting for an editor")
    ACCEPTED = "accepted", _("Accepted")
    DECLINED = "declined", _("Declined")


class SuggestionQuerySet(models.QuerySet):
    def pending(self):
        """Waiting for an editor's decision."""
        return self.filter(state=SuggestionState.PENDING)


def suggestion_rate_refusal(author):
    """Why `author` may not suggest another priority yet (a few a minute and a
    daily ceiling, limits from settings), or None, in which case this
    suggestion is counted."""
    return limits.refusal(
        "consultations:suggestions",
        author,
        getattr(settings, "CONSULTATIONS_SUGGESTIONS_PER_MINUTE", 2),
        getattr(settings, "CONSULTATIONS_SUGGESTIONS_PER_DAY", 5),
        minute=_(
            "You are suggesting quickly: please wait a minute before suggesting another priority."
        ),
        day=_("You have reached today's limit of %(count)s suggestions. Thank you!"),
    )


class SuggestionManager(models.Manager.from_queryset(SuggestionQuerySet)):
    def submit(self, contract, author, title, description=""):
        """`author` suggests a priority for `contract`; it waits for an
        editor. `RateLimited` past a few suggestions a minute or the daily
        ceiling. Whether they may suggest is the rules' question, asked
        before."""
        refusal = suggestion_rate_refusal(author)
        if refusal is not None:
            raise RateLimited(refusal)
        return self.create(contract=contract, author=author, title=title, description=description)


class PrioritySuggestion(models.Model):
    """A priority a citizen proposes while the consultation is open. An editor
    accepts it (it joins the draft priorities, credited to the citizen) or
    declines it with a reason the citizen sees."""

    contract = models.ForeignKey(
        "consultations.SocialContract",
        verbose_name=_("social contract"),
        on_delete=models.PROTECT,
        related_name="suggestions",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("suggested by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="priority_suggestions",
    )
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), max_length=2000, blank=True)
    state = models.CharField(
        _("state"), max_length=10, choices=SuggestionState.choices, default=SuggestionState.PENDING
    )
    created_at = models.DateTimeField(_("suggested at"), default=timezone.now)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decline_reason = models.CharField(_("reason for declining"), max_length=300, blank=True)
    priority = models.ForeignKey(
        "consultations.Priority",
        verbose_name=_("priority"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    objects = SuggestionManager()

    class Meta:
        verbose_name = _("suggested priority")
        verbose_name_plural = _("suggested priorities")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.title

    def accept(self, editor, sector, now=None):
        """The suggestion joins the draft priorities of its contract, last in
        the network's order, credited to its author; logged."""
        with transaction.atomic():
            last = Priority.objects.source().filter(contract=self.contract).order_by("-order")
            self.priority = Priority.objects.create(
                contract=self.contract,
                title=self.title,
                description=self.description,
                sector=sector,
                order=(last.first().order + 1) if last.exists() else 1,
                origin=PriorityOrigin.CITIZEN,
                suggested_by_name=self.author.display_name if self.author else "",
                locale=sector.locale,
            )
            self.state = SuggestionState.ACCEPTED
            self.decided_by = editor
            self.decided_at = now or timezone.now()
            self.save()
            log(self, "consultations.suggestion.accept", user=editor)
        return self.priority

    def decline(self, editor, reason, now=None):
        """Declined, with the reason its author reads on the page; logged."""
        self.state = SuggestionState.DECLINED
        self.decline_reason = reason
        self.decided_by = editor
        self.decided_at = now or timezone.now()
        self.save()
        log(
            self,
            "consultations.suggestion.decline",
            user=editor,
            data={"reason": self.decline_reason},
        )

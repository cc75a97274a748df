"""The contract's text history: once a contract is finalised its priorities'
texts may still be corrected, but every change is kept as a revision, so
that what each candidate signed stays readable beside today's text.

A revision points at the source-language priority and says which
language's text changed. It is written by `PriorityRevision.objects.record`
(called when a priority row of a finalised contract is saved with another
title or description: by the admin's form, which asks for the reason, or by
wagtail-localize's translation sync). After a candidate has signed, a change
needs a reason (`reason_required`) and is logged in Wagtail's log."""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.log_actions import log


def source_of(priority):
    """The source-language row of `priority` (itself when it is one)."""
    if priority.locale.language_code == settings.LANGUAGE_CODE:
        return priority
    return type(priority).objects.source().get(translation_key=priority.translation_key)


def is_signed(contract):
    """Whether any candidate has a live signature on `contract` (the
    signatures are recorded downstream, by `forums`, on `contract.endorsements`)."""
    endorsements = getattr(contract, "endorsements", None)
    return endorsements is not None and endorsements.filter(withdrawn_at__isnull=True).exists()


def reason_required(priority):
    """A change of text needs a reason once the contract has signatures."""
    return priority.contract.finalised_at is not None and is_signed(priority.contract)


class PriorityRevisionQuerySet(models.QuerySet):
    def newest_first(self):
        return self.order_by("-changed_at", "-pk")

    def of_priorities(self, priority_pks):
        """`{source priority pk: [revisions, oldest first]}`, in one query."""
        found = {}
        for revision in self.filter(priority_id__in=priority_pks).order_by("changed_at", "pk"):
            found.setdefault(revision.priority_id, []).append(revision)
        return found

    def record(self, priority, old_title, old_description, reason="", user=None):
        """Keep a change of `priority`'s text (any language's row) made after
        its contract was finalised; logged when the contract has signatures.
        None when nothing was finalised or nothing changed."""
        if priority.contract.finalised_at is None:
            return None
        if (old_title, old_description) == (priority.title, priority.description):
            return None
        revision = self.create(
            priority=source_of(priority),
            language=priority.locale.language_code,
            old_title=old_title,
            old_description=old_description,
            new_title=priority.title,
            new_description=priority.description,
            reason=reason,
            changed_by=user,
            changed_at=timezone.now(),
        )
        if is_signed(priority.contract):
            log(
                priority,
                "consultations.priority.revise",
                user=user,
                data={"reason": reason, "language": revision.language},
            )
        return revision


class PriorityRevision(models.Model):
    """A correction of a priority's text after its contract was finalised:
    the text before and after, who changed it, when and why."""

    priority = models.ForeignKey(
        "consultations.Priority",
        verbose_name=_("priority"),
        on_delete=models.CASCADE,
        related_name="revisions",
    )
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    old_title = models.CharField(_("title before"), max_length=200)
    old_description = models.TextField(_("description before"), blank=True)
    new_title = models.CharField(_("title after"), max_length=200)
    new_description = models.TextField(_("description after"), blank=True)
    reason = models.TextField(_("reason"), blank=True, max_length=1000)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    changed_at = models.DateTimeField(_("changed at"), default=timezone.now)

    objects = PriorityRevisionQuerySet.as_manager()

    class Meta:
        verbose_name = _("priority text revision")
        verbose_name_plural = _("priority text revisions")
        ordering = ["priority", "changed_at", "pk"]

    def __str__(self):
        return f"{self.old_title} → {self.new_title}"

    @property
    def title_changed(self):
        return self.old_title != self.new_title

"""The contract's text history at work: every save of a priority of a
finalised contract that changes its title or description keeps a
`PriorityRevision` (the admin's form gives the reason and the editor;
wagtail-localize's translation sync saves the English row with neither);
the admin form that asks for the reason once candidates have signed; and
what the public pages show: each priority's revisions on the contract page,
and beside a signed position the text as signed and what changed since."""

from django import forms
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.template.loader import render_to_string
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms import WagtailAdminModelForm

from .models import Priority, PriorityRevision
from .models.revisions import reason_required

TEXT_FIELDS = ("title", "description")


@receiver(pre_save, sender=Priority, dispatch_uid="consultations.revisions.before")
def remember_text(sender, instance, raw=False, **kwargs):
    """The text as stored, before a save of a finalised contract's priority."""
    if raw or instance.pk is None:
        return
    instance._text_before = (
        Priority.objects.filter(pk=instance.pk, contract__finalised_at__isnull=False)
        .values_list(*TEXT_FIELDS)
        .first()
    )


@receiver(post_save, sender=Priority, dispatch_uid="consultations.revisions.after")
def keep_revision(sender, instance, created=False, raw=False, **kwargs):
    before = getattr(instance, "_text_before", None)
    instance._text_before = None
    if raw or created or before is None:
        return
    PriorityRevision.objects.record(
        instance,
        *before,
        reason=getattr(instance, "revision_reason", ""),
        user=getattr(instance, "revised_by", None),
    )


class PriorityForm(WagtailAdminModelForm):
    """The admin's priority form: once a candidate has signed the contract, a
    change of title or description needs a reason (refused without one, the
    text typed kept)."""

    revision_reason = forms.CharField(
        label=_("Reason for the change"),
        required=False,
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Required once candidates have signed the contract: the public sees what they "
            "signed, the new text and this reason."
        ),
    )

    def clean(self):
        cleaned = super().clean()
        changed = any(name in self.changed_data for name in TEXT_FIELDS)
        if (
            self.instance.pk
            and changed
            and not cleaned.get("revision_reason", "").strip()
            and reason_required(self.instance)
        ):
            self.add_error(
                "revision_reason",
                _(
                    "Candidates have signed this contract: say why its text changes. "
                    "Nothing was saved."
                ),
            )
        return cleaned

    def save(self, commit=True):
        self.instance.revision_reason = self.cleaned_data.get("revision_reason", "").strip()
        self.instance.revised_by = self.for_user
        return super().save(commit=commit)


def contract_section(request, page, contract):
    """The contract page's "changes to the text" section: each revision of its
    priorities, oldest first; nothing when there is none. One query."""
    revisions = list(
        PriorityRevision.objects.filter(priority__contract=contract).order_by("changed_at", "pk")
    )
    if not revisions:
        return ""
    return render_to_string(
        "consultations/revisions/contract_section.html", {"revisions": revisions}, request
    )


def priority_section(request, priority):
    """The priority page's section of its text history (for the hook
    `priority_page_sections`)."""
    return {
        "order": 20,
        "template": "consultations/revisions/priority_section.html",
        "context": {
            "priority": priority,
            "revisions": list(
                PriorityRevision.objects.filter(priority=priority).order_by("changed_at", "pk")
            ),
        },
    }


def changes_since(priorities, moment):
    """Set on each priority `changed_since_signing`: the revisions of its
    text made after `moment` (none without one); one query."""
    changes = {}
    if moment is not None:
        later = PriorityRevision.objects.filter(
            priority__in=[p.pk for p in priorities], changed_at__gt=moment
        ).order_by("changed_at", "pk")
        for revision in later:
            changes.setdefault(revision.priority_id, []).append(revision)
    for priority in priorities:
        priority.changed_since_signing = changes.get(priority.pk, [])
    return priorities


def as_signed(priorities, endorsement):
    """Set on each priority `signed_title` (the title in the endorsement's
    snapshot) and `changed_since_signing` (the revisions of the source text
    made after the signature): one query whatever their number."""
    snapshot = {}
    if endorsement is not None:
        snapshot = {row.get("priority"): row.get("title", "") for row in endorsement.positions}
    changes_since(priorities, endorsement.signed_at if endorsement is not None else None)
    for priority in priorities:
        priority.signed_title = snapshot.get(priority.pk, "")
    return priorities

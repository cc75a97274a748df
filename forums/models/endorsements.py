"""Each candidate's position on every priority of their municipality's
contract, and the endorsement (signature) of that contract, online or on
paper at the forum. Both point at the source-language rows of contracts and
priorities; they are participation data, never translated and never
deleted: a withdrawal is recorded on the endorsement, dated and public."""

import datetime

from django.conf import settings
from django.db import IntegrityError, models, transaction
from django.db.models import F, FilteredRelation, OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel
from wagtail.log_actions import log

from cms_pages.models import LocalizedQuerySet
from consultations.models import Priority, SocialContract
from consultations.rules import Decision

from ..rules.candidates import TIRANE
from .candidates import Candidacy
from .refusals import Refused


def contract_priorities(contract):
    """The priorities candidates take a position on and sign: the source rows
    that entered the finalised contract, in the contract's order."""
    return (
        Priority.objects.source()
        .filter(contract=contract, in_contract=True)
        .order_by("order", "pk")
    )


def _refused(reason, message):
    return Refused(Decision(False, reason, message))


class Stance(models.TextChoices):
    COMMIT = "commit", _("Commits")
    PARTLY = "partly", _("Commits in part")
    DECLINE = "decline", _("Declines")


class PositionQuerySet(LocalizedQuerySet):
    def of_elected_mayor(self, contract):
        """The positions the elected mayor of the contract's municipality and
        election took (see `Candidacy.objects.elected_for`), with their
        candidacy."""
        return self.filter(candidacy__in=Candidacy.objects.elected_for(contract)).select_related(
            "candidacy"
        )

    def stated(self):
        """Positions with a stance (a blank one is a draft still to decide)."""
        return self.exclude(stance="")

    def state(self, candidacy, stances, user):
        """`candidacy` states or revises its positions: `stances` maps each
        priority to `(stance, statement)`; a blank pair stays a draft and an
        unchanged one is left alone. Every change is logged; returns how many
        positions changed."""
        existing = {
            p.priority_id: p for p in self.filter(candidacy=candidacy, priority__in=list(stances))
        }
        changed = 0
        with transaction.atomic():
            for priority, (stance, statement) in stances.items():
                statement = statement.strip()
                position = existing.get(priority.pk)
                if position is None and not stance and not statement:
                    continue
                if position is not None and (position.stance, position.statement) == (
                    stance,
                    statement,
                ):
                    continue
                if position is None:
                    position = self.model(candidacy=candidacy, priority=priority)
                before = position.stance if position.pk else None
                position.stance, position.statement = stance, statement
                position.save()
                log(
                    position,
                    "forums.position.change",
                    user=user,
                    data={"priority": priority.pk, "stance": stance, "before": before},
                )
                changed += 1
        return changed


class Position(models.Model):
    """What a candidate says they will do about one priority of the contract:
    the cell of the side-by-side table, and what monitoring compares with
    delivery."""

    candidacy = models.ForeignKey(
        Candidacy,
        verbose_name=_("candidacy"),
        on_delete=models.PROTECT,
        related_name="positions",
    )
    priority = models.ForeignKey(
        Priority,
        verbose_name=_("priority"),
        on_delete=models.PROTECT,
        related_name="positions",
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
    )
    stance = models.CharField(_("stance"), max_length=10, choices=Stance.choices)
    statement = models.TextField(
        _("statement"),
        max_length=500,
        blank=True,
        help_text=_("Up to 500 characters: what the candidate will do, or why not."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PositionQuerySet.as_manager()

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["candidacy", "priority__order", "priority"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidacy", "priority"], name="one_position_per_candidacy_priority"
            )
        ]

    def __str__(self):
        return f"{self.candidacy} – {self.priority}: {self.get_stance_display()}"


class EndorsementMethod(models.TextChoices):
    ONLINE = "online", _("Online")
    FORUM = "forum", _("At the forum")


class EndorsementQuerySet(models.QuerySet):
    def live(self):
        return self.filter(withdrawn_at__isnull=True)

    def sign(self, candidacy, contract, signed_name, user):
        """`candidacy` signs `contract` online as `signed_name`, with its
        positions as they stand (a snapshot kept on the endorsement, read with
        the priorities in one query). Every priority needs a stance, and a
        candidacy has one live signature: a second one sent at the same
        moment is refused by the database."""
        positions = Position.objects.filter(candidacy=candidacy, priority=OuterRef("pk"))
        priorities = list(
            contract_priorities(contract).annotate(
                stance=Subquery(positions.values("stance")[:1]),
                statement=Subquery(positions.values("statement")[:1]),
            )
        )
        if any(not p.stance for p in priorities):
            raise _refused(
                "undecided", gettext("State a position on every priority before you sign.")
            )
        try:
            with transaction.atomic():
                endorsement = self.create(
                    candidacy=candidacy,
                    contract=contract,
                    signed_name=signed_name,
                    committed=True,
                    signed_at=timezone.now(),
                    method=EndorsementMethod.ONLINE,
                    positions=[
                        {
                            "priority": p.pk,
                            "title": p.title,
                            "stance": p.stance,
                            "statement": p.statement,
                        }
                        for p in priorities
                    ],
                )
                log(endorsement, "forums.endorsement.sign", user=user)
        except IntegrityError:
            raise _refused("endorsed", gettext("You have already signed this contract.")) from None
        return endorsement

    def record_at_forum(self, candidacy, contract, signed_name, signed_on, scan, editor):
        """An editor records a signature made on paper at the forum on
        `signed_on` (noon, Tirana), with its scan and the positions as they
        stand; refused while the candidacy has a live signature."""
        try:
            with transaction.atomic():
                endorsement = self.create(
                    candidacy=candidacy,
                    contract=contract,
                    signed_name=signed_name,
                    committed=True,
                    signed_at=datetime.datetime.combine(
                        signed_on, datetime.time(12), tzinfo=TIRANE
                    ),
                    method=EndorsementMethod.FORUM,
                    scan=scan,
                    positions=[
                        {"priority": p.priority_id, "stance": p.stance, "statement": p.statement}
                        for p in candidacy.positions.filter(priority__contract=contract).order_by(
                            "priority__order"
                        )
                    ],
                )
                log(
                    endorsement,
                    "forums.endorsement.record",
                    user=editor,
                    data={"signed_name": signed_name, "scan": scan.pk},
                )
        except IntegrityError:
            raise _refused(
                "endorsed", gettext("This candidate has already signed the contract.")
            ) from None
        return endorsement

    def withdraw(self, candidacy, contract, reason, user):
        """`candidacy` withdraws its live signature of `contract`, for
        `reason`: recorded on the row (locked meanwhile), never deleted."""
        with transaction.atomic():
            endorsement = (
                self.select_for_update()
                .live()
                .filter(candidacy=candidacy, contract=contract)
                .first()
            )
            if endorsement is None:
                raise _refused("not_endorsed", gettext("You have not signed this contract."))
            endorsement.withdrawn_at = timezone.now()
            endorsement.withdrawal_reason = reason
            endorsement.save(update_fields=["withdrawn_at", "withdrawal_reason"])
            log(endorsement, "forums.endorsement.withdraw", user=user, data={"reason": reason})
        return endorsement

    def latest_by_candidacy(self, contract, candidacies):
        """`{candidacy pk: its latest endorsement of contract}` (live or not)."""
        latest = {}
        for endorsement in self.filter(contract=contract, candidacy__in=candidacies).order_by(
            "signed_at"
        ):
            latest[endorsement.candidacy_id] = endorsement
        return latest

    def signatories(self, contract):
        """Who signed `contract` (live signatures), who withdrew (with date
        and reason) and which confirmed candidates have not signed, each
        candidacy with its party's name in the reader's language
        (`localized_party_name`): one query, whatever their number (each
        candidacy joined with its endorsements of `contract`, one row each)."""
        names = [field.attname for field in self.model._meta.concrete_fields]
        rows = (
            Candidacy.objects.confirmed()
            .for_contract(contract)
            .select_related("party")
            .localized("party__name")
            .annotate(
                signature=FilteredRelation(
                    "endorsements", condition=Q(endorsements__contract=contract)
                )
            )
            .annotate(**{f"signature_{name}": F(f"signature__{name}") for name in names})
            .order_by("full_name", "pk")
        )
        candidacies, endorsements = {}, []
        for row in rows:
            candidacy = candidacies.setdefault(row.pk, row)
            if row.signature_id is not None:
                endorsement = self.model.from_db(
                    self.db, names, [getattr(row, f"signature_{name}") for name in names]
                )
                endorsement.candidacy = candidacy
                endorsements.append(endorsement)
        endorsements.sort(key=lambda endorsement: endorsement.signed_at)
        signed = [e for e in endorsements if e.withdrawn_at is None]
        live = {e.candidacy_id for e in signed}
        return {
            "signed": signed,
            "withdrawn": [e for e in endorsements if e.withdrawn_at is not None],
            "not_signed": [c for c in candidacies.values() if c.pk not in live],
        }


class Endorsement(models.Model):
    """A candidate's signature on a Social Contract, with their positions as
    they stood when signing. A withdrawal is recorded on the row, dated and
    with a reason, and stays public: endorsements are never deleted."""

    candidacy = models.ForeignKey(
        Candidacy,
        verbose_name=_("candidacy"),
        on_delete=models.PROTECT,
        related_name="endorsements",
    )
    contract = models.ForeignKey(
        SocialContract,
        verbose_name=_("social contract"),
        on_delete=models.PROTECT,
        related_name="endorsements",
    )
    signed_name = models.CharField(
        _("signed name"), max_length=120, help_text=_("The full name the candidate signed with.")
    )
    committed = models.BooleanField(
        _("committed"), default=False, help_text=_("The candidate ticked the commitment.")
    )
    signed_at = models.DateTimeField(_("signed at"), default=timezone.now)
    positions = models.JSONField(
        _("positions when signing"),
        default=list,
        blank=True,
        help_text=_("A snapshot: priority, stance and statement at the time of signing."),
    )
    method = models.CharField(
        _("method"),
        max_length=10,
        choices=EndorsementMethod.choices,
        default=EndorsementMethod.ONLINE,
    )
    scan = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("scan of the signed contract"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("For signatures made on paper at the forum."),
    )
    withdrawn_at = models.DateTimeField(_("withdrawn at"), null=True, blank=True)
    withdrawal_reason = models.TextField(_("reason for withdrawing"), blank=True, max_length=1000)

    objects = EndorsementQuerySet.as_manager()

    panels = [
        FieldRowPanel([FieldPanel("candidacy"), FieldPanel("contract")]),
        FieldRowPanel([FieldPanel("signed_name"), FieldPanel("signed_at")]),
        FieldRowPanel([FieldPanel("method"), FieldPanel("scan")]),
        FieldPanel("committed"),
    ]

    class Meta:
        verbose_name = _("endorsement")
        verbose_name_plural = _("endorsements")
        ordering = ["-signed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["candidacy", "contract"],
                condition=Q(withdrawn_at__isnull=True),
                name="one_live_endorsement_per_candidacy_contract",
            ),
        ]

    def __str__(self):
        return f"{self.candidacy} – {self.contract}"

    @property
    def is_live(self):
        return self.withdrawn_at is None

"""Candidates: parties and candidacies, how a person asks for a candidacy
and how editors decide on it (positions and endorsements are in
`endorsements`). Candidacies point at the source-language rows of
municipalities and elections."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.images import get_image_model_string
from wagtail.log_actions import log
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms_pages.models import Election, LocalizedQuerySet, Municipality, TranslatableQuerySet
from consultations.models import SocialContract
from consultations.rules import Decision

from .. import worker
from .refusals import Refused


class Party(TranslatableMixin, index.Indexed, models.Model):
    """A political party candidates run for: shown beside their names in the
    side-by-side table and on the contract's list of signatories."""

    name = models.CharField(
        _("name"), max_length=150, help_text=_("The party's full name, as it is registered.")
    )
    short_name = models.CharField(
        _("short name"), max_length=20, blank=True, help_text=_("For example: its acronym.")
    )
    colour = models.CharField(
        _("colour"),
        max_length=7,
        blank=True,
        validators=[RegexValidator(r"^#[0-9a-fA-F]{6}$", _("Use a hex colour, e.g. #1f5fa8."))],
        help_text=_("The party's colour as #rrggbb; shown only beside its name, never alone."),
    )
    logo = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Optional; shown small beside the party's name."),
    )

    objects = TranslatableQuerySet.as_manager()

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("short_name"), FieldPanel("colour")]),
        FieldPanel("logo"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("short_name"),
    ]
    translatable_fields = [
        TranslatableField("name"),
        TranslatableField("short_name"),
        SynchronizedField("colour"),
        SynchronizedField("logo"),
    ]

    class Meta(TranslatableMixin.Meta):
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        ordering = ["name"]

    def __str__(self):
        return self.name


class CandidacyStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    CONFIRMED = "confirmed", _("Confirmed")
    DECLINED = "declined", _("Declined")


class CandidacyQuerySet(LocalizedQuerySet):
    def confirmed(self):
        return self.filter(status=CandidacyStatus.CONFIRMED)

    def for_contract(self, contract):
        return self.filter(municipality=contract.municipality_id, election=contract.election_id)

    def elected_for(self, contract):
        """The confirmed candidacies that won the contract's election in its
        municipality: the mayor whose promises monitoring compares with
        delivery (at most one in practice)."""
        return self.confirmed().for_contract(contract).filter(won=True)

    def request(self, user, **fields):
        """`user` asks the network to list them as a candidate (`fields`: the
        request form's); an editor confirms or declines it."""
        with transaction.atomic():
            candidacy = self.create(
                user=user,
                status=CandidacyStatus.REQUESTED,
                requested_at=timezone.now(),
                **fields,
            )
            log(candidacy, "forums.candidacy.request", user=user)
        return candidacy


class Candidacy(index.Indexed, models.Model):
    """A person running for mayor of one municipality in one election. Only a
    candidacy an editor has confirmed can state positions and endorse; the
    user account, when there is one, is who acts for it on the site."""

    full_name = models.CharField(
        _("full name"), max_length=120, help_text=_("As it appears on the ballot.")
    )
    photo = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("A portrait the candidate agreed to publish."),
    )
    party = models.ForeignKey(
        Party,
        verbose_name=_("party"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="candidacies",
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
        help_text=_("Leave blank for an independent candidate."),
    )
    municipality = models.ForeignKey(
        Municipality,
        verbose_name=_("municipality"),
        on_delete=models.PROTECT,
        related_name="candidacies",
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
        help_text=_("Where the candidate runs for mayor."),
    )
    election = models.ForeignKey(
        Election,
        verbose_name=_("election"),
        on_delete=models.PROTECT,
        related_name="candidacies",
        limit_choices_to={"locale__language_code": settings.LANGUAGE_CODE},
        help_text=_("The local election."),
    )
    biography = models.TextField(
        _("short biography"),
        blank=True,
        max_length=1000,
        help_text=_("A few sentences, in the candidate's own words."),
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        null=True,
        blank=True,
        # Deleting the account keeps the public record of the candidacy.
        on_delete=models.SET_NULL,
        related_name="candidacies",
        help_text=_("The account that acts for this candidacy on the site."),
    )
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=CandidacyStatus.choices,
        default=CandidacyStatus.REQUESTED,
        help_text=_("Only confirmed candidacies can state positions and endorse."),
    )
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True, editable=False)
    won = models.BooleanField(
        _("won the election"), default=False, help_text=_("Set after the election.")
    )
    requested_at = models.DateTimeField(
        _("requested at"),
        null=True,
        blank=True,
        editable=False,
        help_text=_("When the candidate asked for this candidacy on the site."),
    )
    decline_reason = models.TextField(
        _("reason for declining"),
        blank=True,
        max_length=1000,
        editable=False,
        help_text=_("Sent to the person who asked for the candidacy."),
    )

    objects = CandidacyQuerySet.as_manager()

    panels = [
        FieldPanel("full_name"),
        FieldRowPanel([FieldPanel("party"), FieldPanel("photo")]),
        FieldRowPanel([FieldPanel("municipality"), FieldPanel("election")]),
        FieldPanel("biography"),
        MultiFieldPanel(
            [FieldPanel("user"), FieldPanel("status"), FieldPanel("won")],
            heading=_("Account and status"),
        ),
    ]
    search_fields = [
        index.SearchField("full_name"),
        index.AutocompleteField("full_name"),
        index.SearchField("biography"),
        index.RelatedFields("party", [index.SearchField("name")]),
        index.FilterField("municipality"),
        index.FilterField("election"),
        index.FilterField("status"),
    ]

    class Meta:
        verbose_name = _("candidacy")
        verbose_name_plural = _("candidacies")
        ordering = ["-election__date", "municipality__name", "full_name"]

    def __str__(self):
        return self.full_name

    @classmethod
    def from_db(cls, db, field_names, values):
        # Remember status and result as loaded, so that the admin can log
        # (and announce) what an edit changed.
        instance = super().from_db(db, field_names, values)
        instance._loaded = {
            name: getattr(instance, name) for name in ("status", "won") if name in instance.__dict__
        }
        return instance

    def loaded_value(self, name):
        """The value `name` had when this row was read (None if new)."""
        return getattr(self, "_loaded", {}).get(name)

    @property
    def is_confirmed(self):
        return self.status == CandidacyStatus.CONFIRMED

    def contract(self):
        """The Social Contract of this candidacy's municipality and election."""
        return (
            SocialContract.objects.filter(
                municipality=self.municipality_id, election=self.election_id
            )
            .select_related("municipality", "election")
            .first()
        )

    def live_endorsement(self, contract):
        return self.endorsements.live().filter(contract=contract).first()

    # Editors' decisions, each logged; the person who asked is told by e-mail.

    def decide(self, status, editor, reason=""):
        """Record `status` (confirmed or declined) as `editor`'s decision."""
        self.status = status
        self.decline_reason = reason if status == CandidacyStatus.DECLINED else ""
        if status == CandidacyStatus.CONFIRMED:
            self.confirmed_by, self.confirmed_at = editor, timezone.now()
        else:
            self.confirmed_by = self.confirmed_at = None
        self.save(update_fields=["status", "decline_reason", "confirmed_by", "confirmed_at"])
        action = (
            "forums.candidacy.confirm"
            if status == CandidacyStatus.CONFIRMED
            else "forums.candidacy.decline"
        )
        log(self, action, user=editor, data={"reason": reason} if reason else None)
        if self.user_id:
            worker.queue("notify_candidacy_decision", self.pk)

    def record_edit(self, editor):
        """After `editor` saved the candidacy's edit form: a status or result
        changed there is recorded (and announced) as through the dedicated
        actions, and a candidacy put back to "requested" is no longer
        confirmed by anyone."""
        if self.status != self.loaded_value("status") and self.status != CandidacyStatus.REQUESTED:
            # A candidacy an editor creates confirmed is confirmed by them.
            self.decide(self.status, editor, self.decline_reason)
        elif self.status == CandidacyStatus.REQUESTED and self.confirmed_at is not None:
            self.confirmed_by = self.confirmed_at = None
            self.save(update_fields=["confirmed_by", "confirmed_at"])
        if self.won != bool(self.loaded_value("won")):
            log(self, "forums.candidacy.won" if self.won else "forums.candidacy.lost", user=editor)

    def unlink_account(self, editor):
        """Take the candidacy from the account linked to it (say, a claim made
        by the wrong person): that account loses the candidacy's pages at
        once, and the invitations claimed for it are revoked so their links
        stay dead. A signature already made stays: it is the public record.
        False if no account was linked."""
        with transaction.atomic():
            locked = (
                type(self)
                .objects.select_for_update(of=("self",))
                .select_related("user")
                .get(pk=self.pk)
            )
            account = locked.user
            if account is None:
                return False
            self.invitations.filter(claimed_at__isnull=False, revoked_at__isnull=True).update(
                revoked_at=timezone.now()
            )
            self.user = None
            self.save(update_fields=["user"])
            log(
                self,
                "forums.candidacy.unlink",
                user=editor,
                data={"account": account.pk, "email": account.email},
            )
        return True

    def confirm(self, editor):
        """Confirm the candidacy; False if it already was."""
        if self.status == CandidacyStatus.CONFIRMED:
            return False
        with transaction.atomic():
            self.decide(CandidacyStatus.CONFIRMED, editor)
        return True

    def decline(self, editor, reason=""):
        """Decline the candidacy; False if it already was. A candidacy whose
        signature is live cannot be declined (`Refused`)."""
        if self.live_endorsement(self.contract()) is not None:
            raise Refused(
                Decision(
                    False,
                    "endorsed",
                    gettext("A candidacy whose signature is live cannot be declined."),
                )
            )
        if self.status == CandidacyStatus.DECLINED:
            return False
        with transaction.atomic():
            self.decide(CandidacyStatus.DECLINED, editor, reason)
        return True

    def record_result(self, won, editor):
        """Mark whether the candidacy won, after election day (`Refused`
        before); False if nothing changed."""
        if self.election.date > timezone.localdate():
            raise Refused(
                Decision(
                    False,
                    "before_election",
                    gettext("The result can be recorded after election day."),
                )
            )
        if self.won == won:
            return False
        with transaction.atomic():
            self.won = won
            self.save(update_fields=["won"])
            log(self, "forums.candidacy.won" if won else "forums.candidacy.lost", user=editor)
        return True

"""Forums and candidates: parties, candidacies, each candidate's position on
every priority of their municipality's contract, and the endorsement
(signature) of that contract. Endorsements and positions point at the
source-language rows of contracts and priorities; they are participation
data, never translated and never deleted."""

import datetime
import zoneinfo

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.images import get_image_model_string
from wagtail.models import TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from cms_pages.models import Election, LocalizedQuerySet, Municipality, TranslatableQuerySet
from consultations.models import Priority, SocialContract

TIRANE = zoneinfo.ZoneInfo("Europe/Tirane")


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


def endorsement_closes(contract):
    """The last local day candidates may sign: the endorsement deadline when
    one is set, and never later than the eve of election day."""
    eve = contract.election.date - datetime.timedelta(days=1)
    if contract.endorsement_deadline:
        return min(contract.endorsement_deadline, eve)
    return eve

"""People who use the platform: citizens, candidates and staff alike."""

from django.contrib.auth.models import AbstractUser, BaseUserManager
from django.db import models
from django.utils.translation import gettext_lazy as _

from cms_pages.text import without_bidi_controls


class UserManager(BaseUserManager):
    """Users are identified by their e-mail address; there is no username."""

    use_in_migrations = True

    def _create_user(self, email, password, **extra_fields):
        if not email:
            raise ValueError("An e-mail address is required.")
        user = self.model(email=self.normalize_email(email), **extra_fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_user(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", False)
        extra_fields.setdefault("is_superuser", False)
        return self._create_user(email, password, **extra_fields)

    def create_superuser(self, email, password=None, **extra_fields):
        extra_fields.setdefault("is_staff", True)
        extra_fields.setdefault("is_superuser", True)
        return self._create_user(email, password, **extra_fields)


class User(AbstractUser):
    """A person with an account. The public sees only `display_name`; the
    e-mail address stays private."""

    username = None
    email = models.EmailField(_("e-mail address"), unique=True)
    display_name = models.CharField(
        _("public name"),
        max_length=60,
        help_text=_(
            "Shown with your comments and the priorities you support. "
            "Your e-mail address is never shown."
        ),
    )
    municipality = models.ForeignKey(
        "cms_pages.Municipality",
        verbose_name=_("municipality of residence"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="residents",
        help_text=_("Some consultations are open only to residents."),
    )
    staff_municipality = models.ForeignKey(
        "cms_pages.Municipality",
        verbose_name=_("municipality monitored"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="staff",
        help_text=_("For monitors: the only municipality whose priorities they may assess."),
    )
    terms_accepted_at = models.DateTimeField(_("terms accepted at"), null=True, blank=True)
    notify_replies = models.BooleanField(
        _("replies to my comments"),
        default=True,
        help_text=_("E-mail me when someone replies to one of my comments."),
    )
    notify_municipality = models.BooleanField(
        _("news from my municipality"),
        default=False,
        help_text=_("E-mail me when a consultation or forum opens in my municipality."),
    )
    desk_digest = models.BooleanField(
        _("daily digest of waiting work"),
        default=False,
        help_text=_(
            "Staff: e-mail me once a day what is waiting for me in the admin "
            "(the same as the dashboard shows)."
        ),
    )

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["display_name"]

    objects = UserManager()

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["display_name", "email"]

    def __str__(self):
        return self.display_name or self.email

    def save(self, *args, **kwargs):
        # However the name arrives (forms, admin, import), it cannot reorder
        # the text around it.
        self.display_name = without_bidi_controls(self.display_name).strip()
        super().save(*args, **kwargs)

    def get_full_name(self):
        return self.display_name

    def get_short_name(self):
        return self.display_name

    @property
    def has_verified_email(self):
        """Taking part needs a verified address, not just a signed-in session."""
        from allauth.account.models import EmailAddress

        return EmailAddress.objects.filter(
            user=self, email__iexact=self.email, verified=True
        ).exists()

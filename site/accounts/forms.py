from allauth.account.forms import SignupForm as AllauthSignupForm
from allauth.core import context

from django import forms
from django.contrib.auth.hashers import make_password
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from wagtail.models import Site

from cms_pages.models import Municipality, SiteSettings
from cms_pages.text import without_bidi_controls

from .models import User


class DisplayNameField(forms.CharField):
    """A public name, its bidirectional controls taken out before it is
    checked (a name of nothing else is an empty name)."""

    def to_python(self, value):
        if value not in self.empty_values:
            value = without_bidi_controls(value)
        return super().to_python(value)


class MunicipalityChoiceField(forms.ModelChoiceField):
    """Offers the network's municipalities (the Albanian rows, which every
    record points at), labelled in the visitor's language."""

    def __init__(self, **kwargs):
        super().__init__(queryset=Municipality.objects.none(), **kwargs)
        self.labels = {}

    def prepare(self):
        self.queryset = Municipality.objects.source()
        self.labels = dict(Municipality.objects.localized_names())

    def label_from_instance(self, obj):
        return self.labels.get(obj.translation_key, obj.name)


def consent_label():
    # allauth builds its sign-up form without the request; its middleware
    # keeps the current one in `allauth.core.context`.
    request = context.request
    site = (
        Site.find_for_request(request)
        if request
        else Site.objects.filter(is_default_site=True).first()
    )
    settings = SiteSettings.for_site(site) if site else None
    links = []
    for page in (
        settings and settings.terms_page,
        settings and settings.privacy_page,
    ):
        if page:
            page = page.localized
            links.append(format_html('<a href="{}">{}</a>', page.url, page.title))
    if len(links) == 2:
        return format_html(
            _("I accept the {terms} and the {privacy}."), terms=links[0], privacy=links[1]
        )
    return _("I accept the terms of use and the privacy notice.")


class SignupForm(AllauthSignupForm):
    display_name = DisplayNameField(
        label=_("Public name"),
        max_length=60,
        help_text=_(
            "Shown with your comments and the priorities you support. "
            "Your e-mail address is never shown."
        ),
    )
    municipality = MunicipalityChoiceField(
        label=_("Municipality where you live (optional)"),
        required=False,
        empty_label=_("I'd rather not say"),
        help_text=_("Some consultations are open only to residents."),
    )
    consent = forms.BooleanField(
        required=True,
        error_messages={
            "required": _("To create an account you must accept the terms and privacy notice.")
        },
    )

    field_order = ["display_name", "email", "password1", "password2", "municipality", "consent"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].prepare()
        self.fields["consent"].label = consent_label()

    def try_save(self, request):
        if self.account_already_exists:
            # allauth answers as for a new account (no enumeration) but skips
            # its slowest step; hashing the password all the same keeps the
            # two answers about as long.
            make_password(self.cleaned_data.get("password1"))
        return super().try_save(request)

    def clean_display_name(self):
        name = self.cleaned_data["display_name"].strip()
        if not name:
            raise forms.ValidationError(_("Please choose a public name."))
        return name


class ProfileForm(forms.ModelForm):
    municipality = MunicipalityChoiceField(
        label=_("Municipality where you live"),
        required=False,
        empty_label=_("I'd rather not say"),
        help_text=_("Some consultations are open only to residents."),
    )

    class Meta:
        model = User
        fields = [
            "display_name",
            "municipality",
            "email_language",
            "notify_replies",
            "notify_municipality",
        ]
        field_classes = {"display_name": DisplayNameField}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["municipality"].prepare()
        # A form sent without it (an older page) keeps the language chosen.
        self.fields["email_language"].required = False

    def clean_email_language(self):
        return self.cleaned_data["email_language"] or self.instance.email_language


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )
    confirm = forms.BooleanField(
        label=_("I understand that my account and personal data will be deleted for good."),
        required=True,
        error_messages={"required": _("Please tick the box to confirm.")},
    )

    def __init__(self, user, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your current password."))
        return password

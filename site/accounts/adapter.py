from allauth.account.adapter import DefaultAccountAdapter

from django.conf import settings
from django.utils import timezone, translation


class AccountAdapter(DefaultAccountAdapter):
    """Stores what our sign-up form asks for beyond e-mail and password."""

    def save_user(self, request, user, form, commit=True):
        data = form.cleaned_data
        user.display_name = data["display_name"]
        user.municipality = data.get("municipality")
        user.terms_accepted_at = timezone.now()
        # E-mails in the language of the page the person signed up on.
        language = translation.get_language()
        if language in dict(settings.LANGUAGES):
            user.email_language = language
        return super().save_user(request, user, form, commit=commit)

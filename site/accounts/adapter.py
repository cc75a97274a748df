from allauth.account.adapter import DefaultAccountAdapter

from django.utils import timezone


class AccountAdapter(DefaultAccountAdapter):
    """Stores what our sign-up form asks for beyond e-mail and password."""

    def save_user(self, request, user, form, commit=True):
        data = form.cleaned_data
        user.display_name = data["display_name"]
        user.municipality = data.get("municipality")
        user.terms_accepted_at = timezone.now()
        return super().save_user(request, user, form, commit=commit)

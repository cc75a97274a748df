"""The site's authentication backends: Django's and allauth's, each loading
the signed-in person with whether their account's address is verified
(`email_verified`), read by the same query.

Every signed-in request loads the account (`get_user`); taking part asks
whether its address is verified (supports, comments, questions…), which was
a second query on each of those requests. Read here, it costs none.
`has_verified_email` stays the property that asks the database afresh
(after a confirmation, for instance); `email_verified` is what held when the
request began.
"""

from allauth.account import auth_backends

from django.contrib.auth import backends, get_user_model
from django.db.models import Exists, OuterRef


class LoadsVerification:
    """`get_user` (and `aget_user`) with `email_verified` read in the same
    query; the rest is the backend's own."""

    @staticmethod
    def _with_verification():
        user_model = get_user_model()
        verified = user_model.verified_email_addresses(
            user=OuterRef("pk"), email__iexact=OuterRef("email")
        )
        return user_model._default_manager.annotate(email_verified=Exists(verified))

    def get_user(self, user_id):
        user = self._with_verification().filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None

    async def aget_user(self, user_id):
        user = await self._with_verification().filter(pk=user_id).afirst()
        return user if user is not None and self.user_can_authenticate(user) else None


class ModelBackend(LoadsVerification, backends.ModelBackend):
    """Django's backend (staff signing in to the admin, `force_login`)."""


class AuthenticationBackend(LoadsVerification, auth_backends.AuthenticationBackend):
    """allauth's backend (citizens signing in by e-mail address)."""

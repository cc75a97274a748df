"""The site's authentication backends: Django's and allauth's, each loading
the signed-in person with whether their account's address is verified
(`email_verified`), read by the same query.

Every signed-in request loads the account (`get_user`); taking part asks
whether its address is verified (supports, comments, questions…), which was
a second query on each of those requests. Read here, it costs none.
`has_verified_email` stays the property that asks the database afresh
(after a confirmation, for instance); `email_verified` is what held when the
request began.

The query is compiled once per database and process (`config.statements`):
building and compiling it was most of what loading the account cost, on
every signed-in request (a support is ~8 ms of a worker's CPU in all; this
was ~1).
"""

from allauth.account import auth_backends

from django.contrib.auth import backends, get_user_model
from django.core.exceptions import ValidationError
from django.db import router
from django.db.models import Exists, OuterRef

from config.statements import Statement


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
        user_model = get_user_model()
        try:
            user_id = user_model._meta.pk.to_python(user_id)
        except ValidationError:
            return None
        using = router.db_for_read(user_model)
        sql, params = ACCOUNT.sql(using, user_id=user_id)
        user = next(iter(user_model._default_manager.db_manager(using).raw(sql, params)), None)
        if user is None:
            return None
        user.email_verified = bool(user.email_verified)  # SQLite answers 0 or 1
        return user if self.user_can_authenticate(user) else None

    async def aget_user(self, user_id):
        user = await self._with_verification().filter(pk=user_id).afirst()
        return user if user is not None and self.user_can_authenticate(user) else None


# Stands for the account's id while the query is compiled.
ACCOUNT = Statement(
    lambda user_id: LoadsVerification._with_verification().filter(pk=user_id),
    user_id=-7_357_000_001,
)


class ModelBackend(LoadsVerification, backends.ModelBackend):
    """Django's backend (staff signing in to the admin, `force_login`)."""


class AuthenticationBackend(LoadsVerification, auth_backends.AuthenticationBackend):
    """allauth's backend (citizens signing in by e-mail address)."""

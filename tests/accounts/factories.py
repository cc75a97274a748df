"""Factories for people: citizens and staff, with or without a verified e-mail."""

import factory
from allauth.account.models import EmailAddress
from factory.django import DjangoModelFactory, Password

from django.contrib.auth.models import Group

from accounts.models import User

PASSWORD = "Kontrate-Sociale-2023"


class UserFactory(DjangoModelFactory):
    """A citizen whose password is `PASSWORD`.

    `verified=True` / `verified=False` gives them a primary allauth
    `EmailAddress` (verified or not), as sign-up would; without it they have
    none. `groups=["Editors"]` puts them in staff groups by name.
    """

    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"qytetar{n}@example.org")
    display_name = factory.Sequence(lambda n: f"Qytetari {n}")
    password = Password(PASSWORD)

    @factory.post_generation
    def verified(self, create, extracted, **kwargs):
        if create and extracted is not None:
            EmailAddress.objects.create(
                user=self, email=self.email, primary=True, verified=bool(extracted)
            )

    @factory.post_generation
    def groups(self, create, extracted, **kwargs):
        if create and extracted:
            self.groups.add(*Group.objects.filter(name__in=extracted))

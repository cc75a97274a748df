"""Export and deletion of a person's data, across every app (see signals)."""

from allauth.account.models import EmailAddress

from .signals import account_deleting, personal_data_requested


def export_personal_data(user):
    """Everything the platform holds about `user`, as JSON-ready data."""
    data = {
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "municipality": user.municipality.name if user.municipality else None,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "terms_accepted_at": user.terms_accepted_at,
            "notifications": {
                "replies": user.notify_replies,
                "municipality": user.notify_municipality,
            },
        },
        "email_addresses": [
            {"email": address.email, "verified": address.verified, "primary": address.primary}
            for address in EmailAddress.objects.filter(user=user).order_by("email")
        ],
    }
    for _receiver, sections in personal_data_requested.send(sender=type(user), user=user):
        data.update(sections or {})
    return data


def delete_account(user):
    """Remove the account and its personal data. Call inside a transaction.

    Each app's foreign keys to the user say what deletion means for its
    records (public contributions stay, shown as by a deleted account); the
    `account_deleting` signal lets apps act first where a key cannot decide.
    """
    account_deleting.send(sender=type(user), user=user)
    user.delete()

"""django-allauth's own messages that our visitors see, listed so that
`makemessages` keeps them in locale/sq (allauth ships no Albanian and its
Python code uses the same "django" catalogue as ours). Nothing imports this
module; keep the msgids identical to allauth's when upgrading it."""

from django.utils.translation import gettext_noop, pgettext_lazy

ALLAUTH_MESSAGES = [
    # account/adapter.py error messages
    gettext_noop("This account is currently inactive."),
    gettext_noop("You cannot remove your primary email address."),
    gettext_noop("This email address is already associated with this account."),
    gettext_noop("The email address and/or password you specified are not correct."),
    gettext_noop("A user is already registered with this email address."),
    gettext_noop("Please type your current password."),
    gettext_noop("Incorrect password."),
    gettext_noop("Invalid or expired key."),
    gettext_noop("Invalid login."),
    gettext_noop("The password reset token was invalid."),
    gettext_noop("You cannot add more than %d email addresses."),
    gettext_noop("Too many failed login attempts. Try again later."),
    gettext_noop("The email address is not assigned to any user account."),
    gettext_noop("Your primary email address must be verified."),
    gettext_noop("The new value must be different from the current one."),
    gettext_noop("Be patient, you are sending too many requests."),
    gettext_noop("Please select only one."),
    # account/forms.py and account/fields.py labels and placeholders
    gettext_noop("Email"),
    gettext_noop("Email address"),
    gettext_noop("Email address confirmation"),
    gettext_noop("Email (again)"),
    gettext_noop("You must type the same email each time."),
    gettext_noop("Password"),
    gettext_noop("Password (again)"),
    gettext_noop("You must type the same password each time."),
    gettext_noop("Remember Me"),
    gettext_noop("Forgot your password?"),
    gettext_noop("Current Password"),
    gettext_noop("New Password"),
    gettext_noop("New Password (again)"),
    pgettext_lazy("field label", "Login"),
]

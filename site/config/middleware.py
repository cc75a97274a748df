from django.conf import settings
from django.utils import translation


class StaffAdminLanguageMiddleware:
    """Staff meet the admin in Albanian (LANGUAGE_CODE), whatever their
    browser's Accept-Language or the public site's language cookie say: for
    a user who has not chosen an admin language Wagtail would otherwise
    follow them. A person who chose English (or Albanian) in their Wagtail
    account page gets it: Wagtail applies that preference inside each admin
    view, over this default. Everyone else is sent on to the sign-in as usual."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/admin/") and request.user.has_perm(
            "wagtailadmin.access_admin"
        ):
            translation.activate(settings.LANGUAGE_CODE)
            request.LANGUAGE_CODE = settings.LANGUAGE_CODE
        return self.get_response(request)

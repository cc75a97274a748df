from django.utils import translation


class StaffAdminLanguageMiddleware:
    """Wagtail's admin ships no Albanian, and for a user who has not chosen
    an admin language it falls back to LANGUAGE_CODE ("sq"), which mixes
    Django's Albanian into its English screens. Staff get the admin in
    English; everyone else is sent on to the Albanian sign-in as usual."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info.startswith("/admin/") and request.user.has_perm(
            "wagtailadmin.access_admin"
        ):
            translation.activate("en")
            request.LANGUAGE_CODE = "en"
        return self.get_response(request)

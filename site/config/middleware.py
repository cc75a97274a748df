from csp.middleware import CSPMiddleware

from django.conf import settings
from django.utils import translation

# Wagtail's admin and everything it serves (previews, wagtail-localize's editor).
ADMIN_PREFIX = "/admin/"


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


class ContentSecurityPolicyMiddleware(CSPMiddleware):
    """django-csp's middleware, with the admin's policy under /admin/.

    Public pages get CONTENT_SECURITY_POLICY: no inline script or style.
    Wagtail's admin (its screens, page previews, wagtail-localize's editor)
    writes inline style attributes and frames its own previews, so
    everything under /admin/ gets POP_ADMIN_CONTENT_SECURITY_POLICY instead.
    A view's own `csp_override` still wins. Wagtail's previews are served
    under /admin/ too, with the admin's policy."""

    def process_response(self, request, response):
        if getattr(request, "is_dummy", False):
            # Wagtail's previews render the page through the middleware for
            # a made-up request to its public address; the admin request
            # that shows the preview sets the header.
            return response
        return super().process_response(request, response)

    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only)
        if not report_only and parts.config is None and request.path_info.startswith(ADMIN_PREFIX):
            parts.config = settings.POP_ADMIN_CONTENT_SECURITY_POLICY["DIRECTIVES"]
        return parts


class PermissionsPolicyMiddleware:
    """The Permissions-Policy header on every response, from
    POP_PERMISSIONS_POLICY ({feature: allow-list}). One fixed header: a
    small middleware rather than another dependency."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            f"{feature}={allowed}" for feature, allowed in settings.POP_PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response

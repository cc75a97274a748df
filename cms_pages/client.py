"""The address a request comes from, as far as the site's own proxies vouch
for it.

Behind nginx every request reaches gunicorn from the proxy's address; the
visitor's is the one the proxy appended to X-Forwarded-For. Only as many
entries as there are proxies of ours (`TRUSTED_PROXY_COUNT`, which sets
allauth's `ALLAUTH_TRUSTED_PROXY_COUNT`) are believed: anything a visitor
wrote in the header before them is ignored. allauth reads the address for
its own rate limits (sign-in, sign-up, password reset) with its adapter;
reading it the same way keeps one parser and one answer for the whole site.
"""

from allauth.account.adapter import get_adapter


def client_address(request):
    """The visitor's IP address; refuses the request (PermissionDenied) when
    none can be read, as allauth does."""
    return get_adapter(request).get_client_ip(request)

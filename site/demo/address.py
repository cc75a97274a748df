"""One address for every link the development site prints or e-mails.

`SITE_URL` (the setting `WAGTAILADMIN_BASE_URL` reads it) is the one source:
e-mails and the demo's printed links use it directly, and Wagtail's default
Site (which gives pages their `full_url`) is made to agree with it. `make run`
and `manage.py run_site` derive it from the address they serve at
(`make run PORT=8123`: http://127.0.0.1:8123) unless `SITE_URL` is set.
"""

from urllib.parse import urlsplit

from wagtail.models import Site


def site_url_for(addrport):
    """The public address of `runserver addrport` ("8123", "127.0.0.1:8123",
    "0.0.0.0:8123"), without a trailing slash."""
    host, _, port = addrport.rpartition(":")
    if host in ("", "0.0.0.0", "0", "[::]"):  # noqa: S104 - read, not bound
        host = "127.0.0.1"
    return f"http://{host}:{port or 8000}"


def align_default_site(site_url):
    """Make Wagtail's default Site's host name and port those of `site_url`,
    so that pages' full URLs (in e-mails too) name the address served."""
    parts = urlsplit(site_url)
    port = parts.port or (443 if parts.scheme == "https" else 80)
    return Site.objects.filter(is_default_site=True).update(hostname=parts.hostname, port=port)

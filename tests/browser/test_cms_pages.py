"""The editorial pages of the demo site, in both languages, pass axe-core."""

import pytest

from .helpers import visit

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PAGES = [
    "/sq/",
    "/en/",
    "/sq/rreth-nesh/",
    "/sq/programet/",
    "/en/programmes/pop-2022/",
    "/sq/lajme/",
    "/en/news/monitoring-2019-2023-closes/",
    "/en/partners/",
    "/sq/kontakt/",
    "/en/search/?q=forum",
]


def test_demo_pages_are_accessible(page, live_server, demo_site):
    for path in PAGES:
        response = visit(page, f"{live_server.url}{path}")
        assert response.status == 200, path

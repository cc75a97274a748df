"""The demo's right of reply: the mayor's office of Durrës answers two
assessments of the mandate's last round, shown on the Durrës scorecard."""

import datetime

import pytest

from cms_pages.models import Election
from scorecards.models import MunicipalityScorecardPage, Reply, Respondent


@pytest.fixture
def durres_page(demo):
    return MunicipalityScorecardPage.objects.get(
        locale__language_code="en", municipality__slug="durres"
    )


def test_durres_has_an_active_respondent_and_two_replies_shown(client, durres_page):
    respondent = Respondent.objects.active().get(municipality__slug="durres")
    replies = Reply.objects.filter(respondent=respondent)
    assert replies.count() == 2
    election = Election.objects.get(locale__language_code="sq", date=datetime.date(2019, 6, 30))
    query = {"election": election.pk, "as_of": "2023-05-14"}
    html = client.get(durres_page.url, query).content.decode()
    for reply in replies:
        assert reply.text in html

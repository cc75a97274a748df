"""The municipality's right of reply in a browser: the mayor's office, signed
in, follows the link beside an assessment on the scorecard page, replies, and
the reply shows beside the assessment, labelled as the municipality's."""

import datetime

import pytest
from playwright.sync_api import expect

from django.utils import timezone

from scorecards.models import Reply, Respondent

from ..accounts.factories import UserFactory
from ..scorecards.factories import AssessmentFactory
from .helpers import navigate, visit
from .test_consultations import sign_in
from .test_scorecards import make_scorecards

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_respondent_replies_to_an_assessment_and_the_reply_shows(page, live_server):
    _contract, priorities, durres = make_scorecards()
    AssessmentFactory(
        priority=priorities[0],
        as_of=datetime.date(2021, 12, 31),
        published_at=timezone.now() - datetime.timedelta(days=3),
    )
    office = UserFactory(email="zyra@durres.gov.al", verified=True)
    Respondent.objects.create(
        municipality=durres, email=office.email, user=office, claimed_at=timezone.now()
    )
    sign_in(page, live_server, office.email, "/en/kartat/durres/")
    visit(page, f"{live_server.url}/en/kartat/durres/")
    with navigate(page):
        page.get_by_role("link", name="Reply for the municipality").click()
    page.get_by_label("The municipality's reply").fill("Ujësjellësi punon 24 orë që nga maji.")
    with navigate(page):
        page.get_by_role("button", name="Publish the reply").click()
    reply = page.locator(".scorecard-reply")
    expect(reply).to_contain_text("The municipality's reply")
    expect(reply).to_contain_text("Ujësjellësi punon 24 orë që nga maji.")
    assert Reply.objects.get().respondent.user == office

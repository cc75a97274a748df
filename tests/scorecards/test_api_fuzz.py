"""The open-data API fuzzed from its own OpenAPI schema (schemathesis): for
any input, no server error, and every answer conforms to the schema.
Bounded and derandomised, so that it is quick and repeatable."""

import datetime

import pytest
import schemathesis
from hypothesis import HealthCheck, settings

from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections

from .factories import AssessmentFactory, AssessmentSourceFactory, MonitoredPriorityFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def keep_connection():
    """Schemathesis calls the WSGI application directly: keep the test's
    database connection (and its transaction) open across its requests, as
    Django's test client does."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def api_data(keep_connection, municipality, en):
    """A little data to answer with: a translated priority, assessments."""
    priority = MonitoredPriorityFactory(contract__municipality=municipality)
    english = priority.copy_for_translation(en)
    english.title = "Drinking water"
    english.save()
    assessment = AssessmentFactory(priority=priority, as_of=datetime.date(2020, 12, 31))
    AssessmentSourceFactory(assessment=assessment)
    AssessmentFactory(priority=MonitoredPriorityFactory(contract=priority.contract), status="fully")


# The schema as the API serves it (no database is needed to serve it).
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())


@schema.parametrize()
@settings(
    max_examples=15,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_api_conforms_to_its_schema(api_data, case):
    case.call_and_validate()

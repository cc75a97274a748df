"""The public record's endpoints fuzzed from the API's OpenAPI schema
(schemathesis) over a small record: for any input, no server error, and
every answer conforms to the schema. Bounded and derandomised; the
schemathesis coverage phase is left to tests/scorecards/test_api_fuzz.py,
which walks the whole schema."""

import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings

from django.core.handlers.wsgi import WSGIHandler

from ..forums.forum_helpers import make_index
from .record_data import build_record
from .test_api_fuzz import keep_connection  # noqa: F401 - a fixture

pytestmark = pytest.mark.django_db

RECORD = r"^/api/v1/(forums|candidacies|positions|endorsements|consultations|questions)"


@pytest.fixture
def record(keep_connection, home, en, municipality):  # noqa: F811
    return build_record(make_index(home), en, municipality=municipality)


schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler()).include(
    path_regex=RECORD
)


@schema.parametrize()
@settings(
    # Generated inputs only (no coverage phase's hundreds of cases): quick.
    phases=[Phase.generate],
    max_examples=4,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_the_record_conforms_to_its_schema(record, case):
    case.call_and_validate()

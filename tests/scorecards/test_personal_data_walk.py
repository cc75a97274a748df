"""Nothing personal in the open data: with a record made by recognisable
people (citizens who supported, commented, asked and upvoted; candidates'
accounts; monitors, editors and moderators), every GET endpoint of the
API's OpenAPI schema — the ones added later included — is called, and every
field of every answer is read. None holds an e-mail address, a person's
display name, or a user's id in a field about a person."""

import re

import pytest

from django.contrib.auth import get_user_model
from django.utils import timezone

from cms_pages.models import Municipality
from consultations.models import Priority, SocialContract
from forums.models import Candidacy, Endorsement, ForumPage, Question, Upvote
from scorecards.api import api
from scorecards.models import Assessment, CouncilSession, Release

from ..forums.forum_helpers import make_index
from .council_factories import CouncilDecisionFactory, CouncilSessionFactory
from .factories import AssessmentSourceFactory
from .record_data import build_record, secret_people

pytestmark = pytest.mark.django_db

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
#: Field names that would be about a person.
PERSONAL_FIELD = re.compile(
    r"user|author|citizen|voter|person|account|moderat|publisher|_by$|by_id$|reporter|owner|asker",
    re.IGNORECASE,
)
PATH_PARAMETER = re.compile(r"\{(\w+)\}")


@pytest.fixture
def record(home, en, municipality):
    election, made = build_record(make_index(home), en, size=2, municipality=municipality)
    asker = secret_people(1)[0]
    for entry in made:
        Upvote.objects.create(question=entry["question"], citizen=asker)
        assessment = Assessment.objects.filter(priority=entry["priorities"][0]).first()
        AssessmentSourceFactory(assessment=assessment)
        # A published council session deciding on it, by a recognisable monitor.
        CouncilDecisionFactory(
            session=CouncilSessionFactory(
                municipality=assessment.priority.contract.municipality,
                created_by=secret_people(1)[0],
            ),
            priorities=[assessment.priority],
        )
    editor = secret_people(1)[0]
    Release.objects.freeze(
        editor, election, timezone.localdate(), {"sq": "Botimi", "en": "Release"}
    )
    return made


def ids_to_try():
    """Ids that a path parameter may name: a few of every kind of record."""
    pools = [
        SocialContract.objects.values_list("pk", flat=True),
        Priority.objects.values_list("pk", flat=True),
        Assessment.objects.values_list("pk", flat=True),
        ForumPage.objects.values_list("pk", flat=True),
        Candidacy.objects.values_list("pk", flat=True),
        Endorsement.objects.values_list("pk", flat=True),
        Question.objects.values_list("pk", flat=True),
        CouncilSession.objects.values_list("pk", flat=True),
    ]
    return sorted({pk for pool in pools for pk in pool})


def fillings(path):
    """Addresses for `path`, its parameters filled in every way worth trying."""
    names = PATH_PARAMETER.findall(path)
    if not names:
        return [path]
    if len(names) > 1:
        pytest.fail(f"Teach the walk to fill {path}")
    [name] = names
    if "slug" in name:
        values = [
            *Municipality.objects.values_list("slug", flat=True),
            *Release.objects.values_list("slug", flat=True),
        ]
    else:
        values = ids_to_try()
    return [path.replace("{%s}" % name, str(value)) for value in values]  # noqa: UP031


def walk(value, key=""):
    """`(field name, value)` for every leaf of an answer."""
    if isinstance(value, dict):
        for name, item in value.items():
            yield from walk(item, name)
    elif isinstance(value, list):
        for item in value:
            yield from walk(item, key)
    else:
        yield key, value


def test_no_endpoint_shows_anything_personal(client, record):
    users = list(get_user_model().objects.all())
    assert len(users) > 10
    emails = {user.email.lower() for user in users}
    names = {user.display_name for user in users if user.display_name}
    user_ids = {user.pk for user in users}
    paths = [p for p, ops in api.get_openapi_schema()["paths"].items() if "get" in ops]
    assert "/api/v1/consultations/{contract_id}/priorities" in paths
    answered = {}
    for path in paths:
        if path.endswith(("/openapi.json", "/docs")):
            continue
        for address in fillings(path):
            response = client.get(address, {"page_size": 100})
            if response.status_code != 200:
                continue
            answered[path] = answered.get(path, 0) + 1
            for key, value in walk(response.json()):
                where = f"{address} {key}={value!r}"
                if isinstance(value, str):
                    assert not EMAIL.search(value), where
                    assert not any(name in value for name in names), where
                if PERSONAL_FIELD.search(key):
                    assert value not in user_ids and value not in emails, where
    # The walk reached every endpoint with data to show.
    assert set(answered) == {p for p in paths if not p.endswith(("/openapi.json", "/docs"))}

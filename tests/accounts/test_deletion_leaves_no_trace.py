"""Deleting an account leaves no trace of the person: a citizen who took part
in everything is deleted, then every table of the database is read for her
name, address and id. Public records stay, credited to a deleted account."""

import datetime
import json
import pickle
from unittest import mock

import pytest
from django_q.conf import Conf
from django_q.models import OrmQ, Task
from django_q.signing import SignedPackage

from django.contrib.auth import get_user_model
from django.contrib.sessions.backends.cached_db import KEY_PREFIX
from django.contrib.sessions.models import Session
from django.core import mail
from django.core.cache import cache
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse
from django.utils import translation

from wagtail.contrib.forms.models import FormSubmission
from wagtail.models import ModelLogEntry
from wagtail_localize.synctree import create_aliases_for_new_page

from accounts.models import OutboxKind, OutboxMessage, OutboxState
from accounts.personal_data import delete_account
from accounts.tasks import sweep_outbox
from cms_pages.models import FormField
from consultations.models import (
    ConsultationIndexPage,
    ConsultationPage,
    Follow,
    Notification,
    Phase,
    Priority,
    PrioritySuggestion,
    Vote,
)
from forums.models import Candidacy, Invitation
from scorecards.models import Assessment, Reply, Respondent

from ..cms_pages.factories import ContactPageFactory
from ..consultations.factories import (
    CommentFactory,
    PriorityFactory,
    SectorFactory,
    SocialContractFactory,
    window,
)
from ..forums.factories import CandidacyFactory
from ..forums.forum_helpers import QuestionFactory, UpvoteFactory, make_forum, make_index
from ..scorecards.factories import (
    AssessmentFactory,
    FinalisedContractFactory,
    MonitoredPriorityFactory,
)
from .factories import PASSWORD, UserFactory

pytestmark = pytest.mark.django_db

NAME = "Dritëza Kuqalashe"
EMAIL = "drita.kuqalashe@example.org"


@pytest.fixture
def drita(municipality):
    return UserFactory(email=EMAIL, display_name=NAME, municipality=municipality, verified=True)


@pytest.fixture
def everything(client, home, municipality, drita, django_capture_on_commit_callbacks):
    """Drita supports, comments, replies, reports, suggests (accepted), asks
    and upvotes a forum question, writes through the contact form, signs in
    and has an e-mail queued; claims a candidacy (unlinked and invited again
    by an editor), follows her municipality and a monitored priority and is
    told of its assessment, and answers for her municipality as its
    respondent."""
    contract = SocialContractFactory(municipality=municipality)
    index = ConsultationIndexPage(title="Konsultimet", slug="konsultimet")
    home.add_child(instance=index)
    create_aliases_for_new_page(index)
    page = ConsultationPage(title="Kontrata", slug="kontrata", contract=contract)
    index.add_child(instance=page)
    create_aliases_for_new_page(page)
    priority = PriorityFactory(contract=contract)
    other = CommentFactory(priority=priority, body="Koment i dikujt tjetër")

    assert client.login(email=EMAIL, password=PASSWORD)
    client.post(f"{page.url}support/{priority.pk}/")
    client.post(
        f"{page.url}comment/{priority.pk}/", {"body": "Uji mungon çdo verë në lagjen tonë."}
    )
    client.post(
        f"{page.url}comment/{priority.pk}/", {"body": "Përgjigje nga unë.", "parent": other.pk}
    )
    client.post(f"{page.url}comments/{other.pk}/report/", {"reason": "Fyen"})
    client.post(f"{page.url}suggest/", {"title": "Biçikleta publike", "description": "Stacione."})

    contact = ContactPageFactory(parent=home, thank_you_text="Faleminderit!")
    FormField.objects.create(page=contact, label="Emri", field_type="singleline")
    FormField.objects.create(page=contact, label="Email", field_type="email")
    client.post(contact.url, {"emri": NAME, "email": EMAIL})

    forum = make_forum(make_index(home), municipality, contract.election)
    question = QuestionFactory(forum=forum, author=drita, text="A do ta mbani premtimin?")
    UpvoteFactory(question=QuestionFactory(forum=forum), citizen=drita)

    editor = UserFactory(verified=True, groups=["Editors"])
    editors = client_for(editor)
    suggestion = PrioritySuggestion.objects.get(author=drita)
    editors.post(
        reverse("consultations_accept_suggestion", args=[suggestion.pk]),
        {"sector": SectorFactory().pk},
    )
    with django_capture_on_commit_callbacks(execute=True):
        candidacy = candidate_and_invited_again(drita, editor, contract)
        reply = respondent_and_follower(drita, editor, municipality)
    assert Notification.objects.filter(person=drita).exists()
    with override_settings(EMAIL_BACKEND="accounts.mail.QueuedEmailBackend"):
        with django_capture_on_commit_callbacks(execute=True):
            mail.send_mail("Fjalëkalimi", "Lidhja 1", None, [EMAIL])  # sent: a Success row
        with (
            mock.patch.object(Conf, "SYNC", False),
            django_capture_on_commit_callbacks(execute=True),
        ):
            mail.send_mail("Fjalëkalimi", "Lidhja 2", None, [EMAIL])  # waits in the ORM queue
        mail.send_mail("Fjalëkalimi", "Lidhja 3", None, [EMAIL])  # in the outbox, no task yet
    assert OrmQ.objects.exists()
    assert OutboxMessage.objects.filter(kind=OutboxKind.EMAIL).count() == 3
    # Jobs composing the notice of her reply and the contact form's, not run yet.
    pending = OutboxMessage.objects.filter(state=OutboxState.PENDING)
    assert pending.filter(kind=OutboxKind.COMPOSITION).count() == 2
    assert Task.objects.filter(func="accounts.tasks.deliver_outbox").exists()
    return {
        "contract": contract,
        "page": page,
        "priority": priority,
        "question": question,
        "candidacy": candidacy,
        "reply": reply,
    }


def candidate_and_invited_again(drita, editor, contract):
    """An editor invites Drita to a candidacy, she claims it; the editor
    unlinks her account, invites her address again and revokes that link.
    The candidacy is a public record, under the name its candidate runs
    with."""
    candidacy = CandidacyFactory(contract=contract, user=None, full_name="Kandidatja e Listës")
    Invitation.objects.claim(Invitation.objects.send(candidacy, EMAIL, editor), drita)
    assert candidacy.unlink_account(editor)
    Invitation.objects.send(candidacy, EMAIL, editor).revoke(editor)
    actions = ModelLogEntry.objects.filter(data__icontains=EMAIL).values_list("action", flat=True)
    assert {"forums.invitation.send", "forums.candidacy.unlink", "forums.invitation.revoke"} <= {
        *actions
    }
    return candidacy


def respondent_and_follower(drita, editor, municipality):
    """Drita follows her municipality and a monitored priority; an editor
    invites her as the municipality's respondent, she claims the role; an
    assessment of the priority is published (she is told, as follower and
    as respondent) and she replies to it for the municipality."""
    contract = FinalisedContractFactory(municipality=municipality)
    monitored = MonitoredPriorityFactory(contract=contract, title="Kanalizime të reja")
    Follow.objects.follow(drita, municipality)
    Follow.objects.follow(drita, monitored)
    respondent = Respondent.objects.invite(municipality, EMAIL, editor)
    Respondent.objects.claim(respondent, drita)
    as_of = datetime.date(2020, 12, 31)
    AssessmentFactory(priority=monitored, as_of=as_of, published_at=None)
    [assessment] = Assessment.objects.publish_round(editor, contract, as_of)
    reply = Reply.objects.post(drita, assessment, "Bashkia e ka nisur punën.")
    assert ModelLogEntry.objects.filter(action="scorecards.respondent.invite").exists()
    return reply


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def everything_in_the_database():
    """(table, column, text) for every text-like value of every table, with
    django-q2's pickled and signed payloads decoded."""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            columns = [
                c.name for c in connection.introspection.get_table_description(cursor, table)
            ]
            quoted = ", ".join(connection.ops.quote_name(c) for c in columns)
            cursor.execute(f"SELECT {quoted} FROM {connection.ops.quote_name(table)}")  # noqa: S608
            for row in cursor.fetchall():
                for column, value in zip(columns, row, strict=True):
                    if value is None:
                        continue
                    if isinstance(value, bytes | memoryview):
                        value = bytes(value).decode("utf-8", "replace")
                    yield table, column, str(value)
                    if table == "django_q_ormq" and column == "payload":
                        yield table, column, repr(pickle.dumps(SignedPackage.loads(value)))


def decoded_tasks():
    for task in Task.objects.all():
        yield "django_q_task", "args", repr(pickle.dumps((task.args, task.kwargs, task.result)))


def user_id_columns():
    """(table, column) of every column that refers to a user: the foreign
    keys to the user table, and Wagtail's log and revision `user_id`, which
    is kept without a database constraint."""
    user_table = get_user_model()._meta.db_table
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            relations = connection.introspection.get_relations(cursor, table)
            for column in connection.introspection.get_table_description(cursor, table):
                name = column.name
                referenced = relations.get(name, (None, None))[1]
                if referenced == user_table or name == "user_id" or name.endswith("_by_id"):
                    yield table, name


def test_the_export_lists_her_contact_form_submission(client, everything, drita):
    client.force_login(drita)
    data = json.loads(client.get("/sq/accounts/profile/export/").content)
    [submission] = data["contact_form_submissions"]
    assert submission["form_data"]["email"] == EMAIL
    assert submission["form_data"]["emri"] == NAME


def test_the_export_lists_the_email_to_her(client, everything, drita):
    client.force_login(drita)
    data = json.loads(client.get("/sq/accounts/profile/export/").content)
    assert sorted((m["subject"], m["state"]) for m in data["email_to_you"]) == [
        ("", "sent"),
        ("Fjalëkalimi", "pending"),
        ("Fjalëkalimi", "pending"),
    ]


def test_the_export_lists_her_roles_as_respondent_and_candidate(client, everything, drita):
    client.force_login(drita)
    data = json.loads(client.get("/sq/accounts/profile/export/").content)
    [role] = data["respondent_roles"]
    assert role["municipality"] == drita.municipality.name
    assert (role["email"], role["claimed_by_you"], role["revoked_at"]) == (EMAIL, True, None)
    [reply] = role["replies"]
    assert (reply["priority"], reply["text"]) == ("Kanalizime të reja", "Bashkia e ka nisur punën.")
    assert [i["email"] for i in data["candidacy_invitations"]] == [EMAIL, EMAIL]


def test_nothing_of_her_is_left_anywhere(client, everything, drita):
    contract = everything["contract"]
    contract.opens_at, contract.closes_at, contract.finalised_at = window(Phase.FINALISED)
    contract.save()
    user_id = drita.pk
    assert FormSubmission.objects.exists()
    assert str(user_id) in [s.get_decoded().get("_auth_user_id") for s in Session.objects.all()]
    before = Vote.objects.filter(priority=everything["priority"]).count()
    assert before == 1
    drita_municipality = drita.municipality_id

    delete_account(drita)

    needles = [NAME.lower(), EMAIL.lower(), pickle.dumps(EMAIL)[2:-2].decode("latin-1").lower()]
    found = [
        (table, column)
        for table, column, value in [*everything_in_the_database(), *decoded_tasks()]
        if any(needle in value.lower() for needle in needles)
    ]
    assert found == []
    # Her comments stay public, but the log entries about them no longer quote them.
    logged = [
        (table, column)
        for table, column, value in everything_in_the_database()
        if "logentry" in table and "uji mungon" in value.lower()
    ]
    assert logged == []
    with connection.cursor() as cursor:
        for table, column in user_id_columns():
            cursor.execute(
                f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}"  # noqa: S608
                f" WHERE {connection.ops.quote_name(column)} = %s",
                [user_id],
            )
            assert cursor.fetchone()[0] == 0, (table, column)
    assert not FormSubmission.objects.exists()
    # Session data is encoded: read it as Django does.
    signed_in = [s.get_decoded()["_auth_user_id"] for s in Session.objects.all()]
    assert str(user_id) not in signed_in
    assert not OrmQ.objects.exists()
    assert not OutboxMessage.objects.filter(kind=OutboxKind.EMAIL).exists()
    # The delivery tasks left ran the composing jobs (ids only), none of hers.
    compositions = OutboxMessage.objects.filter(kind=OutboxKind.COMPOSITION)
    delivered = Task.objects.filter(func="accounts.tasks.deliver_outbox")
    assert {task.args[0] for task in delivered} <= {*compositions.values_list("pk", flat=True)}
    # The jobs that concerned her resolve to nothing: no e-mail, done once.
    sent_before = len(mail.outbox)
    with override_settings(EMAIL_BACKEND="accounts.mail.QueuedEmailBackend"):
        assert sweep_outbox() == 2
    assert len(mail.outbox) == sent_before
    assert OutboxMessage.objects.exists()
    for row in OutboxMessage.objects.values_list("kind", "state", "message"):
        assert row == (OutboxKind.COMPOSITION, OutboxState.SENT, {})
    assert sweep_outbox() == 0
    # The public record stays: the results still count her support, and
    # the priority she suggested is credited to a deleted account.
    assert Vote.objects.filter(priority=everything["priority"]).count() == before
    accepted = Priority.objects.get(title="Biçikleta publike")
    assert accepted.suggested_by_name == ""
    with translation.override("sq"):
        html = client.get(everything["page"].url).content.decode()
    assert "Llogari e fshirë" in html
    assert NAME not in html
    # The editors' acts on her candidacy are still logged, naming nobody.
    candidacy = everything["candidacy"]
    unlinked = ModelLogEntry.objects.get(action="forums.candidacy.unlink")
    assert (unlinked.label, unlinked.data) == (f"#{candidacy.pk}", {})
    assert ModelLogEntry.objects.filter(action="forums.invitation.send").count() == 2
    claimed = ModelLogEntry.objects.get(action="forums.invitation.claim")
    assert (claimed.label, claimed.user_id) == (f"#{candidacy.pk}", None)
    # The candidacy stays public, unlinked; her invitations are gone.
    assert Candidacy.objects.get(pk=candidacy.pk).user is None
    assert not Invitation.objects.exists()
    # The municipality's reply stays, posted by its (ended) respondent role.
    reply = Reply.objects.select_related("respondent").get(pk=everything["reply"].pk)
    assert reply.text == "Bashkia e ka nisur punën."
    assert reply.respondent.municipality_id == drita_municipality
    assert (reply.respondent.user, reply.respondent.email) == (None, "")
    assert reply.respondent.revoked_at is not None
    assert not Follow.objects.exists()
    assert not Notification.objects.exists()


@override_settings(SESSION_ENGINE="django.contrib.sessions.backends.cached_db")
def test_her_cached_sessions_go_too(client, drita):
    assert client.login(email=EMAIL, password=PASSWORD)
    key = client.session.session_key
    assert cache.get(KEY_PREFIX + key)
    other = Client()
    other.force_login(UserFactory(verified=True))

    delete_account(drita)

    assert cache.get(KEY_PREFIX + key) is None
    assert not Session.objects.filter(session_key=key).exists()
    assert Session.objects.count() == 1

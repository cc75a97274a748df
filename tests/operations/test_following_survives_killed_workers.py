"""Each follower of a priority is told of its published assessment once —
one notification, one e-mail — whatever worker dies when: the real
`manage.py qcluster` on Redis (a task taken is gone from the broker) is
killed with SIGKILL, then started again, at each step of the way:

1. a worker has taken the job announcing the assessment, not claimed it;
2. the announcement and its fan-out job are written, not yet committed;
3. a worker has taken the fan-out job, not claimed it;
4. the first batch (Aida, Besa) has written Besa's e-mail, not committed;
5. the first batch has run whole and written the next batch's job (Cima),
   not committed;
6. a worker has claimed Aida's e-mail and not handed it to the server
   (the second batch runs meanwhile).

At each restart the every-minute sweep is made due at once (it stands for
the minute passing). The assessment is published by the model's own write
(`Assessment.publish`) in another process; batches of two followers
(`$POP_FAN_OUT_BATCH`). Shares the worker's settings and probe with
test_outbox_survives_killed_workers. One worker at a time is stopped
inside a transaction, so that SQLite's single writer is free for the rest.
"""

import datetime
import json
import shutil

import pytest
import redis
from picklefield.fields import dbsafe_decode

from consultations.models import Follow

from ..accounts.factories import UserFactory
from ..scorecards.factories import AssessmentFactory, MonitoredPriorityFactory
from .test_outbox_survives_killed_workers import REDIS_URL, Site, redis_is_running

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("restorable_locale_synchronisation"),
    pytest.mark.skipif(not redis_is_running(), reason="no Redis server on 127.0.0.1:6379"),
]

AIDA, BESA, CIMA = "aida@example.org", "besa@example.org", "cima@example.org"
ANNOUNCE = "scorecards.notifications.announce_assessments"
FAN_OUT = "consultations.following.fan_out"


@pytest.fixture
def site(tmp_path):
    priority = MonitoredPriorityFactory(title="Ujë të pijshëm 24 orë")
    for address, language in ((AIDA, "en"), (BESA, "sq"), (CIMA, "en")):
        person = UserFactory(email=address, verified=True, email_language=language)
        Follow.objects.follow(person, priority)
    draft = AssessmentFactory(
        priority=priority, as_of=datetime.date(2021, 12, 31), status="fully", published_at=None
    )
    editor = UserFactory(is_staff=True)
    site = Site(tmp_path, "redis")
    site.env["POP_FAN_OUT_BATCH"] = "2"
    site.ids = {"draft": draft.pk, "editor": editor.pk}
    yield site
    site.kill_all()
    server = redis.from_url(REDIS_URL)
    server.delete(*server.keys(f"django_q:{site.cluster}:*") or ["-"])
    shutil.rmtree(site.sink, ignore_errors=True)


def decoded(value):
    return json.loads(value) if isinstance(value, str) else value


def jobs(site):
    """(task, state) of each composition job, in order; a finished job's
    task is cleared with its content."""
    rows = site.query(
        "SELECT message, state FROM accounts_outboxmessage WHERE kind = %s ORDER BY id",
        ("composition",),
    )
    return [(decoded(message).get("task"), state) for message, state in rows]


def emails(site):
    return {
        recipients.strip(): state
        for recipients, state in site.query(
            "SELECT recipients, state FROM accounts_outboxmessage WHERE kind = %s", ("email",)
        )
    }


def notifications(site):
    """The people notified, with whether they were e-mailed, by address."""
    return sorted(
        (address, emailed is not None)
        for address, emailed in site.query(
            "SELECT u.email, n.emailed_at FROM consultations_notification n "
            "JOIN accounts_user u ON u.id = n.person_id"
        )
    )


def announcements(site):
    return site.query("SELECT COUNT(*) FROM consultations_announcement")[0][0]


def restart(site, pause, *conditions):
    """The minute passes; the cluster starts, gets to `pause` and is killed."""
    for marker in site.sink.glob("paused-*"):
        marker.unlink()
    site.sweep_is_due()
    cluster = site.start("qcluster", pause=pause)
    site.wait_for(cluster, *conditions)
    site.kill(cluster)


def test_each_follower_is_told_once_whatever_worker_is_killed_when(site):
    site.sweep_is_due(later=True)
    cluster = site.start("qcluster", pause=f"picked:{ANNOUNCE}")
    ids = site.ids
    web = site.start(
        "shell",
        "-c",
        "from accounts.models import User\n"
        "from scorecards.models import Assessment\n"
        f"editor = User.objects.get(pk={ids['editor']})\n"
        f"Assessment.objects.get(pk={ids['draft']}).publish(editor, announce=False)\n"
        "print('published')\n",
    )
    output = web.communicate(timeout=120)[0]
    assert "published" in output, output

    # 1. The announcing job was taken from Redis and never claimed.
    site.wait_for(cluster, site.paused("picked"))
    site.kill(cluster)
    assert jobs(site) == [(ANNOUNCE, "pending")]
    assert announcements(site) == 0

    # 2. The announcement and its fan-out job went with the transaction.
    restart(site, f"done:{ANNOUNCE}", site.paused("done"))
    assert jobs(site) == [(ANNOUNCE, "sending")]
    assert announcements(site) == 0

    # 3. Announced; its fan-out job was taken from Redis, never claimed.
    restart(site, f"picked:{FAN_OUT}", site.paused("picked"))
    assert jobs(site) == [(None, "sent"), (FAN_OUT, "pending")]
    assert announcements(site) == 1
    assert notifications(site) == []

    # 4. The first batch wrote Aida's and Besa's e-mails, then died.
    restart(site, f"composed:{BESA}", site.paused("composed"))
    assert jobs(site) == [(None, "sent"), (FAN_OUT, "sending")]
    assert notifications(site) == []
    assert emails(site) == {}

    # 5. The first batch ran whole and wrote the next one's job, then died.
    restart(site, f"done:{FAN_OUT}", site.paused("done"))
    assert jobs(site) == [(None, "sent"), (FAN_OUT, "sending")]
    assert notifications(site) == []
    assert emails(site) == {}

    # 6. The first batch committed; Aida's e-mail is claimed and not sent,
    # while Besa's is delivered and the second batch tells Cima.
    restart(
        site,
        f"claimed:{AIDA}",
        site.paused("claimed"),
        lambda: emails(site) == {AIDA: "sending", BESA: "sent", CIMA: "sent"},
        lambda: [state for _task, state in jobs(site)] == ["sent"] * 3,
    )
    assert not (site.sink / "mail").exists() or AIDA not in site.delivered()

    # The last start: Aida's e-mail is handed out again.
    site.sweep_is_due()
    cluster = site.start("qcluster")
    site.wait_for(cluster, lambda: set(emails(site).values()) == {"sent"})
    site.kill(cluster)

    # One notification and one e-mail per follower; three jobs (announce,
    # two batches), each done once, their content cleared.
    assert notifications(site) == [(AIDA, True), (BESA, True), (CIMA, True)]
    received = site.delivered()
    assert sorted(received) == [AIDA, BESA, CIMA]
    assert all(len(messages) == 1 for messages in received.values())
    [[_, besa]] = received[BESA]
    assert "- Ujë të pijshëm 24 orë: " in besa.get_payload(decode=True).decode()
    assert emails(site) == {AIDA: "sent", BESA: "sent", CIMA: "sent"}
    assert jobs(site) == [(None, "sent")] * 3
    # django-q2's history names outbox rows only: no address, no person.
    outbox_ids = {pk for (pk,) in site.query("SELECT id FROM accounts_outboxmessage")}
    for func, args, kwargs in site.query("SELECT func, args, kwargs FROM django_q_task"):
        arguments = [dbsafe_decode(value) if value else None for value in (args, kwargs)]
        assert "@example.org" not in repr(arguments)
        if func == "accounts.tasks.deliver_outbox":
            assert arguments[0][0] in outbox_ids

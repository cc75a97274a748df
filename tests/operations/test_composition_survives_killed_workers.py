"""No e-mail composed by a task is lost, nor sent twice, whatever worker
dies when: the real `manage.py qcluster` on Redis (which has no
acknowledgements: a task taken is gone from the broker) is killed with
SIGKILL while

- a worker has taken the job composing Arta's reply notification and has
  not claimed it;
- a worker has claimed the job composing Teuta's invitation and its task has
  written the e-mail to the outbox, in the transaction that has not yet
  marked the job done;

then started again. The sweep (made due at once: it stands for the minute
passing) hands both jobs out again, and each e-mail arrives exactly once.
The reply and the invitation are made by the models' own writes
(`Comment.objects.post`, `Invitation.objects.send`), in another process.
Shares the worker's settings and probe with test_outbox_survives_killed_workers.
"""

import json
import shutil

import pytest
import redis

from django.utils import timezone

from consultations.models import SocialContract

from ..accounts.factories import UserFactory
from ..consultations.factories import CommentFactory
from ..forums.factories import CandidacyFactory
from .test_outbox_survives_killed_workers import REDIS_URL, Site, redis_is_running

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("restorable_locale_synchronisation"),
    pytest.mark.skipif(not redis_is_running(), reason="no Redis server on 127.0.0.1:6379"),
]

ARTA, TEUTA = "arta@example.org", "teuta@example.org"
REPLY_TASK = "consultations.tasks.notify_reply"


@pytest.fixture
def site(tmp_path):
    parent = CommentFactory(
        author=UserFactory(email=ARTA, verified=True, notify_replies=True),
        body="Duhet një park në lagje.",
    )
    replier = UserFactory(verified=True)
    candidacy = CandidacyFactory()
    editor = UserFactory(is_staff=True)
    # Their openings announced already: the hourly announcement, due at the
    # worker's start, writes no job of its own among those counted here.
    SocialContract.objects.update(opening_announced_at=timezone.now())
    site = Site(tmp_path, "redis")
    site.ids = {"parent": parent.pk, "replier": replier.pk, "candidacy": candidacy.pk}
    site.ids["editor"] = editor.pk
    yield site
    site.kill_all()
    server = redis.from_url(REDIS_URL)
    server.delete(*server.keys(f"django_q:{site.cluster}:*") or ["-"])
    shutil.rmtree(site.sink, ignore_errors=True)


def jobs(site):
    rows = site.query(
        "SELECT message, state FROM accounts_outboxmessage WHERE kind = %s ORDER BY id",
        ("composition",),
    )
    return [(json.loads(m) if isinstance(m, str) else m, state) for m, state in rows]


def emails(site):
    return site.query(
        "SELECT recipients, state FROM accounts_outboxmessage WHERE kind = %s ORDER BY id",
        ("email",),
    )


def test_a_reply_notification_and_an_invitation_arrive_once_whatever_worker_is_killed(site):
    site.sweep_is_due(later=True)
    cluster = site.start("qcluster", pause=f"picked:{REPLY_TASK},composed:{TEUTA}")
    ids = site.ids
    web = site.start(
        "shell",
        "-c",
        "from accounts.models import User\n"
        "from consultations.models import Comment\n"
        "from forums.models import Candidacy, Invitation\n"
        f"parent = Comment.objects.get(pk={ids['parent']})\n"
        f"replier = User.objects.get(pk={ids['replier']})\n"
        "Comment.objects.post(parent.priority, replier, 'Dakord, edhe unë!', parent=parent)\n"
        f"candidacy = Candidacy.objects.get(pk={ids['candidacy']})\n"
        f"editor = User.objects.get(pk={ids['editor']})\n"
        f"Invitation.objects.send(candidacy, {TEUTA!r}, editor)\n"
        "print('queued')\n",
    )
    output = web.communicate(timeout=120)[0]
    assert "queued" in output, output

    site.wait_for(cluster, site.paused("picked"), site.paused("composed"))
    site.kill(cluster)
    # Arta's job was taken from Redis and never claimed; Teuta's was claimed
    # and its e-mail composed in a transaction the kill rolled back.
    assert [(message["task"], state) for message, state in jobs(site)] == [
        (REPLY_TASK, "pending"),
        ("forums.tasks.send_invitation", "sending"),
    ]
    assert emails(site) == []
    assert not (site.sink / "mail").exists()

    site.sweep_is_due()
    cluster = site.start("qcluster")
    site.wait_for(
        cluster,
        lambda: [state for _, state in jobs(site)] == ["sent", "sent"],
        lambda: [state for _, state in emails(site)] == ["sent", "sent"],
    )
    site.kill(cluster)

    received = site.delivered()
    assert sorted(received) == [ARTA, TEUTA]
    assert len(received[ARTA]) == 1
    assert len(received[TEUTA]) == 1
    [[_, reply]] = received[ARTA]
    assert "Dakord, edhe unë!" in reply.get_payload(decode=True).decode()
    [[_, invitation]] = received[TEUTA]
    assert "/candidates/invitation/" in invitation.get_payload(decode=True).decode()
    # Each job was composed once, by the worker that ran it after the restart.
    assert sorted(emails(site)) == sorted([(f"\n{ARTA}\n", "sent"), (f"\n{TEUTA}\n", "sent")])

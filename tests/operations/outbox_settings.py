"""Settings of the worker that test_outbox_survives_killed_workers kills:
the development settings, a cluster of its own (`$POP_TEST_CLUSTER`, so that
other test runs on the machine never take its tasks), four workers (three
to stop, one for the schedules), the scheduler at start-up (a guard cycle
of 30 s calls it on the first cycle), a one-second lease, and the probe's
recording and pausing backends."""

import os

from config.settings.dev import *  # noqa: F403

INSTALLED_APPS = [*INSTALLED_APPS, "tests.operations.outbox_app.ProbeConfig"]  # noqa: F405
POP_EMAIL_DELIVERY_BACKEND = "tests.operations.outbox_probe.RecordingBackend"
EMAIL_BACKEND = "tests.operations.outbox_probe.PausingQueuedBackend"
Q_CLUSTER = {
    **Q_CLUSTER,  # noqa: F405
    "name": os.environ["POP_TEST_CLUSTER"],
    "workers": 4,
    "timeout": 60,
    "retry": 70,
    "guard_cycle": 30,
    "poll": 0.1,
}
POP_OUTBOX_LEASE_SECONDS = 1

"""The app that puts outbox_probe into the worker of
test_outbox_survives_killed_workers (see outbox_settings)."""

from django.apps import AppConfig


class ProbeConfig(AppConfig):
    name = "tests.operations"
    label = "outbox_probe"

    def ready(self):
        from . import outbox_probe  # noqa: PLC0415 - it reads the models: once apps are ready

        outbox_probe.connect()

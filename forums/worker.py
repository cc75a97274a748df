"""Hand work to the django-q2 worker (e-mails never run inside a request),
once the current transaction is committed. The tasks are in `forums.tasks`."""

from django.db import transaction


def queue(task, *args):
    """Ask the worker for `forums.tasks.<task>(*args)` after the commit."""
    from django_q.tasks import async_task  # third party, loaded only when used

    transaction.on_commit(lambda: async_task(f"forums.tasks.{task}", *args, group="forums"))

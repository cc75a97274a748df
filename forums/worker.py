"""Hand work to the django-q2 worker (e-mails never run inside a request),
once the current transaction is committed. The tasks are in `forums.tasks`;
each is a durable job written in the caller's transaction, so a worker's
death loses none (README, "E-mail delivery")."""

from accounts.mail import enqueue_composition


def queue(task, *args):
    """Have the worker run `forums.tasks.<task>(*args)` after the commit."""
    enqueue_composition(f"forums.tasks.{task}", *args)

"""What the monitoring work tells the rest of the platform: other modules
(followers' notifications, the municipality's right of reply, the open-data
archive) listen, and never run inside the request's transaction."""

from django.dispatch import Signal

#: Sent once the transaction that published them has committed, with
#: `assessments`: the list of Assessment rows just published (one round, or
#: one assessment) and `user`: who published them.
assessments_published = Signal()

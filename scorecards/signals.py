"""What the monitoring work tells the rest of the platform: other modules
(followers' notifications, the municipality's right of reply, the open-data
archive) listen. `assessments_publishing` is sent inside the publishing
transaction, for listeners that write durable work with it (an outbox job
commits with the publication or not at all); `assessments_published` after
the commit, for work that reads what was committed."""

from django.dispatch import Signal

#: Sent once the transaction that published them has committed, with
#: `assessments`: the list of Assessment rows just published (one round, or
#: one assessment) and `user`: who published them.
assessments_published = Signal()

#: Sent inside the transaction that publishes them, with the same arguments:
#: what a listener writes commits (or rolls back) with the publication.
assessments_publishing = Signal()

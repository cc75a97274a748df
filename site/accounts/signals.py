"""How the apps tell accounts what they hold about a person.

`accounts` imports no other app: each app connects receivers here.

- `personal_data_requested(user=…)`: each receiver returns a dict of
  JSON-serialisable sections for the user's data export.
- `account_deleting(user=…)`: sent inside the deletion transaction, before the
  user row goes; receivers anonymise or remove what foreign keys alone cannot
  decide (for example votes in consultations that are still open).
"""

from django.dispatch import Signal

personal_data_requested = Signal()
account_deleting = Signal()

"""The refusal a write raises. Rules say beforehand who may act; a write
(`Endorsement.objects.sign`, `Invitation.objects.claim`, …) holds its own
invariants and, when one fails at the moment of writing (a second click, a
row changed meanwhile, a limit reached), raises `Refused` with the
`Decision` that says why, for the view to turn into a message or a status."""


class Refused(Exception):
    """A write the domain refuses; `decision` carries the reason and message."""

    def __init__(self, decision):
        super().__init__(decision.message)
        self.decision = decision

    @property
    def reason(self):
        return self.decision.reason

    @property
    def message(self):
        return self.decision.message

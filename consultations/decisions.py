"""The answer to "may this be done?": a `Decision`, truthy when allowed and
otherwise carrying the reason and the message to show.

Rules (`consultations.rules`) return one; a domain act that is refused while
it holds its lock (the cap on supports, a second report…) raises `Refused`
carrying one, and the view turns it into a message or a status code.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str = ""
    message: str = ""
    link_url: str = ""
    link_text: str = ""

    def __bool__(self):
        return self.allowed


ALLOWED = Decision(True)


class Refused(Exception):
    """A domain act was refused; `decision` says why, in the user's language."""

    def __init__(self, decision):
        super().__init__(decision.message)
        self.decision = decision

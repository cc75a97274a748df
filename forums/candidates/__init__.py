"""Candidates: asking for a candidacy and being invited to one, stating
positions on the Social Contract's priorities, signing and withdrawing, the
public offers side by side, and the editors' acts on candidacies. The models
are in `forums.models` (candidates, endorsements, invitations)."""

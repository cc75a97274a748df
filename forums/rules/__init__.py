"""Who may do what in forums, asked by views, templates and the admin alike:
`candidates` (request a candidacy, claim an invitation, state positions,
sign and withdraw, manage candidacies) and `questions` (ask and upvote a
forum's questions, moderate them). Each rule is a `can_*` function returning
a `Decision`. Rules read the objects they are given and import no forums
model, so the models may ask them again inside their writes."""

"""Every rule, for every role, in every phase (consultations.rules)."""

import pytest

from consultations import rules
from consultations.models import Phase

from .conftest import ROLES
from .factories import CommentFactory, PriorityFactory, SocialContractFactory

pytestmark = pytest.mark.django_db

PHASES = list(Phase)
NOT_OPEN = {
    Phase.DRAFT: "draft",
    Phase.UPCOMING: "not_open_yet",
    Phase.CLOSED: "closed",
    Phase.FINALISED: "closed",
}
WHO_MAY_TAKE_PART_WHEN_OPEN = {
    "anonymous": "anonymous",
    "unverified": "unverified",
    "non_resident": "not_resident",
    "resident": "",
    "moderator": "not_resident",  # staff take part as citizens: they live elsewhere here
    "editor": "not_resident",
}


def expected_taking_part(role, phase, residents_only=True):
    if phase != Phase.OPEN:
        return NOT_OPEN[phase]
    reason = WHO_MAY_TAKE_PART_WHEN_OPEN[role]
    if reason == "not_resident" and not residents_only:
        return ""
    return reason


@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("role", ROLES)
def test_view(role, phase, person, municipality):
    contract = SocialContractFactory(municipality=municipality, phase=phase)
    decision = rules.can_view(person(role), contract)
    assert bool(decision) == (phase != Phase.DRAFT or role == "editor")
    assert bool(rules.can_download_results(person(role), contract)) == bool(decision)


@pytest.mark.parametrize("residents_only", [True, False])
@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("role", ROLES)
def test_support_and_comment(role, phase, residents_only, person, municipality):
    contract = SocialContractFactory(
        municipality=municipality, phase=phase, residents_only=residents_only
    )
    user = person(role)
    expected = expected_taking_part(role, phase, residents_only)
    for decision in (
        rules.can_take_part(user, contract),
        rules.can_support(user, contract, supports_used=0),
        rules.can_comment(user, contract),
        rules.can_suggest(user, contract),
    ):
        assert bool(decision) == (expected == "")
        assert decision.reason == expected
        if expected:
            assert decision.message


@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("role", ROLES)
def test_cap_on_supports(role, phase, person, municipality):
    contract = SocialContractFactory(municipality=municipality, phase=phase, max_supports=2)
    decision = rules.can_support(person(role), contract, supports_used=2)
    expected = expected_taking_part(role, phase) or "cap_reached"
    assert not decision
    assert decision.reason == expected


@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("role", ROLES)
def test_reply(role, phase, person, municipality):
    contract = SocialContractFactory(municipality=municipality, phase=phase)
    comment = CommentFactory(priority=PriorityFactory(contract=contract))
    decision = rules.can_reply(person(role), comment)
    assert decision.reason == expected_taking_part(role, phase)
    reply = CommentFactory(priority=comment.priority, parent=comment)
    assert rules.can_reply(person(role), reply).reason == "not_replyable"


@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("role", ROLES)
def test_report(role, phase, person, municipality):
    contract = SocialContractFactory(municipality=municipality, phase=phase)
    comment = CommentFactory(priority=PriorityFactory(contract=contract))
    decision = rules.can_report(person(role), comment)
    expected = {"anonymous": "anonymous", "unverified": "unverified"}.get(role, "")
    assert decision.reason == expected
    assert bool(decision) == (expected == "")


@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("role", ROLES)
def test_edit_and_remove_own_comment(role, phase, person, municipality):
    contract = SocialContractFactory(municipality=municipality, phase=phase)
    user = person(role)
    if not user.is_authenticated:
        comment = CommentFactory(priority=PriorityFactory(contract=contract))
        assert rules.can_edit_comment(user, comment).reason == "not_author"
        assert rules.can_remove_comment(user, comment).reason == "not_author"
        return
    comment = CommentFactory(priority=PriorityFactory(contract=contract), author=user)
    edit = rules.can_edit_comment(user, comment)
    assert edit.reason == ("" if phase == Phase.OPEN else NOT_OPEN.get(phase, ""))
    assert rules.can_remove_comment(user, comment)
    assert rules.can_edit_comment(person("resident"), comment).reason == "not_author"
    assert rules.can_report(user, comment).reason in {"own_comment", "unverified"}


@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("role", ROLES)
def test_moderate(role, phase, person, municipality):
    SocialContractFactory(municipality=municipality, phase=phase)
    assert bool(rules.can_moderate(person(role))) == (role in {"moderator", "editor"})


@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("role", ROLES)
def test_decide_suggestions(role, phase, person, municipality):
    SocialContractFactory(municipality=municipality, phase=phase)
    assert bool(rules.can_decide_suggestions(person(role))) == (role == "editor")


@pytest.mark.parametrize("phase", PHASES)
@pytest.mark.parametrize("role", ROLES)
def test_finalise(role, phase, person, municipality):
    contract = SocialContractFactory(municipality=municipality, phase=phase)
    decision = rules.can_finalise(person(role), contract)
    if role != "editor":
        assert decision.reason == "not_editor"
    elif phase == Phase.CLOSED:
        assert decision
    elif phase == Phase.FINALISED:
        assert decision.reason == "finalised"
    else:
        assert decision.reason == "not_closed"

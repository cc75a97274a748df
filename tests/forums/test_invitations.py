"""Onboarding by invitation: an editor sends a signed, expiring, single-use
link by e-mail; the candidate signs in (or up) and claims the candidacy.
Tampered, expired, reused, revoked and foreign links each get a clear
message; pending invitations show on "My candidacies"."""

import datetime
import re
import time
from urllib.parse import quote

import pytest
from allauth.account.models import EmailAddress

from django.core import mail, signing
from django.urls import reverse
from django.utils import formats, timezone, translation

from wagtail.models import ModelLogEntry

from forums.models import INVITATION_MAX_AGE, Invitation, Refused
from forums.rules import candidates as rules

from ..accounts.factories import UserFactory
from .factories import CandidacyFactory, EndorsementFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor():
    return UserFactory(verified=True, groups=["Editors"])


@pytest.fixture
def invited(contract):
    """A confirmed candidacy without an account yet, as editors create them."""
    return CandidacyFactory(contract=contract, full_name="Teuta Kodra", user=None)


def invite(client, editor, candidacy, email="teuta@example.org"):
    client.force_login(editor)
    response = client.post(
        reverse("forums_candidacy_manage", args=[candidacy.pk]), {"email": email}
    )
    assert response.status_code == 302
    client.logout()
    return Invitation.objects.filter(candidacy=candidacy).order_by("-pk").first()


def claim_url(invitation, language="en"):
    with translation.override(language):
        return invitation.get_claim_path()


def link_in(message):
    return re.search(r"https?://\S+?(/\w\w/candidates/invitation/\S+/)", message.body).group(1)


def test_editor_sends_an_invitation_by_email_with_a_working_link(
    client, editor, invited, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = invite(client, editor, invited)
    assert invitation.email == "teuta@example.org"
    assert invitation.sent_by == editor
    assert invitation.claimed_at is None and invitation.revoked_at is None
    assert ModelLogEntry.objects.filter(
        action="forums.invitation.send", object_id=str(invited.pk), user=editor
    ).exists()
    (message,) = mail.outbox
    assert message.to == ["teuta@example.org"]
    assert "Teuta Kodra" in message.body
    response = client.get(link_in(message))
    assert response.status_code == 200
    assert "Teuta Kodra" in response.text


def test_signed_out_visitor_is_sent_to_sign_in_or_up_and_back(client, invited):
    invitation = Invitation.objects.create(candidacy=invited, email="teuta@example.org")
    url = claim_url(invitation)
    response = client.get(url)
    assert response.status_code == 200
    assert f"{reverse('account_login')}?next={quote(url)}" in response.text
    assert f"{reverse('account_signup')}?next={quote(url)}" in response.text
    # Whoever holds the link learns where it went only in part.
    assert "t…@example.org" in response.text
    assert "teuta@example.org" not in response.text
    assert not Invitation.objects.filter(claimed_at__isnull=False).exists()
    # The `next` link brings the person back to the invitation after signing in.
    user = UserFactory(email="teuta@example.org", verified=True)
    response = client.post(
        reverse("account_login"),
        {"login": user.email, "password": "Kontrate-Sociale-2023", "next": url},
    )
    assert response.status_code == 302
    assert response["Location"] == url


def test_candidate_claims_the_candidacy_once(client, invited, priorities):
    invitation = Invitation.objects.create(candidacy=invited, email="teuta@example.org")
    user = UserFactory(email="teuta@example.org", verified=True)
    client.force_login(user)
    url = claim_url(invitation)
    response = client.get(url)
    assert "Accept the invitation" in response.text
    response = client.post(url)
    assert response.status_code == 302
    assert response["Location"] == reverse("forums:positions", args=[invited.pk])
    invited.refresh_from_db()
    invitation.refresh_from_db()
    assert invited.user == user
    assert invitation.claimed_by == user and invitation.claimed_at is not None
    assert ModelLogEntry.objects.filter(
        action="forums.invitation.claim", object_id=str(invited.pk), user=user
    ).exists()
    # Opening the link again leads the same person to their candidacy.
    again = client.get(url)
    assert again.status_code == 302


def test_reused_link_is_refused_for_another_account(client, invited):
    invitation = Invitation.objects.create(candidacy=invited, email="teuta@example.org")
    first = UserFactory(email="teuta@example.org", verified=True)
    client.force_login(first)
    client.post(claim_url(invitation))
    other = UserFactory(verified=True)
    client.force_login(other)
    response = client.post(claim_url(invitation))
    assert response.status_code == 410
    with translation.override("en"):
        assert "This invitation has already been used" in response.text
    invited.refresh_from_db()
    assert invited.user == first


def test_tampered_link_is_refused(client, invited):
    invitation = Invitation.objects.create(candidacy=invited, email="teuta@example.org")
    url = claim_url(invitation)
    token = invitation.token()
    other_pk = signing.dumps(invitation.pk + 1, salt="forums.invitation")
    for bad in (token[:-2] + "xx", token.replace(":", ":A", 1), "nonsense", other_pk):
        client.force_login(UserFactory(verified=True))
        response = client.post(url.replace(token, bad))
        assert response.status_code in (400, 404), bad
        if response.status_code == 400:
            assert "This invitation link is not valid" in response.text
    assert Invitation.objects.get(pk=invitation.pk).claimed_at is None


def test_expired_link_is_refused(client, invited, monkeypatch):
    invitation = Invitation.objects.create(candidacy=invited, email="teuta@example.org")
    past = time.time() - INVITATION_MAX_AGE.total_seconds() - 60
    with monkeypatch.context() as patched:
        patched.setattr(signing.time, "time", lambda: past)
        old_url = claim_url(invitation)
    client.force_login(UserFactory(verified=True))
    response = client.post(old_url)
    assert response.status_code == 410
    assert "This invitation has expired" in response.text
    # An invitation row older than the limit is expired too, whatever its link.
    invitation.sent_at = timezone.now() - INVITATION_MAX_AGE - datetime.timedelta(minutes=1)
    invitation.save()
    response = client.post(claim_url(invitation))
    assert response.status_code == 410
    assert "This invitation has expired" in response.text
    assert Invitation.objects.get(pk=invitation.pk).claimed_at is None


def test_a_new_invitation_revokes_the_older_links(
    client, editor, invited, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = invite(client, editor, invited, "old@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        second = invite(client, editor, invited, "new@example.org")
    first.refresh_from_db()
    assert first.revoked_at is not None and second.revoked_at is None
    client.force_login(UserFactory(email="new@example.org", verified=True))
    response = client.post(claim_url(first))
    assert response.status_code == 410
    assert "This invitation is no longer valid" in response.text
    assert client.post(claim_url(second)).status_code == 302
    assert len(mail.outbox) == 2


def test_editor_revokes_an_invitation(client, editor, invited):
    invitation = Invitation.objects.create(candidacy=invited, email="teuta@example.org")
    client.force_login(editor)
    response = client.post(reverse("forums_invitation_revoke", args=[invitation.pk]))
    assert response.status_code == 302
    invitation.refresh_from_db()
    assert invitation.revoked_at is not None
    assert ModelLogEntry.objects.filter(
        action="forums.invitation.revoke", object_id=str(invited.pk)
    ).exists()
    client.force_login(UserFactory(verified=True))
    assert client.post(claim_url(invitation)).status_code == 410


def test_unverified_account_must_confirm_its_address_first(client, invited):
    invitation = Invitation.objects.create(candidacy=invited, email="teuta@example.org")
    client.force_login(UserFactory(verified=False))
    response = client.post(claim_url(invitation))
    assert response.status_code == 200
    assert "Confirm your e-mail address first" in response.text
    assert Invitation.objects.get(pk=invitation.pk).claimed_at is None


def test_candidacy_already_linked_to_another_account(client, contract):
    candidacy = CandidacyFactory(contract=contract)  # has its own account
    invitation = Invitation.objects.create(candidacy=candidacy, email="teuta@example.org")
    client.force_login(UserFactory(verified=True))
    response = client.post(claim_url(invitation))
    assert response.status_code == 403
    assert "already linked to another account" in response.text


def test_pending_invitation_shows_on_my_candidacies(client, invited, contract):
    user = UserFactory(email="teuta@example.org", verified=True)
    invitation = Invitation.objects.create(candidacy=invited, email="TEUTA@example.org")
    other = CandidacyFactory(contract=contract, full_name="Nuk Është Për Ty", user=None)
    Invitation.objects.create(candidacy=other, email="someone@example.org")
    expired = CandidacyFactory(contract=contract, full_name="Skaduar Kohe", user=None)
    Invitation.objects.create(
        candidacy=expired,
        email="teuta@example.org",
        sent_at=timezone.now() - INVITATION_MAX_AGE - datetime.timedelta(days=1),
    )
    client.force_login(user)
    response = client.get("/en/candidates/")
    assert "Invitations waiting for you" in response.text
    assert "Teuta Kodra" in response.text
    assert "Nuk Është Për Ty" not in response.text
    assert "Skaduar Kohe" not in response.text
    response = client.post(reverse("forums:claim_pending", args=[invitation.pk]))
    assert response.status_code == 302
    invited.refresh_from_db()
    assert invited.user == user
    # Someone else's invitation cannot be claimed from the list.
    other_invitation = Invitation.objects.get(candidacy=other)
    assert (
        client.post(reverse("forums:claim_pending", args=[other_invitation.pk])).status_code == 404
    )


def test_unverified_address_sees_no_pending_invitation(client, invited):
    user = UserFactory(email="teuta@example.org", verified=False)
    invitation = Invitation.objects.create(candidacy=invited, email="teuta@example.org")
    client.force_login(user)
    assert "Teuta Kodra" not in client.get("/en/candidates/").text
    assert client.post(reverse("forums:claim_pending", args=[invitation.pk])).status_code == 404
    EmailAddress.objects.filter(user=user).update(verified=True)
    assert "Teuta Kodra" in client.get("/en/candidates/").text


@pytest.mark.parametrize(
    ("state", "reason"),
    [
        ("anonymous", "anonymous"),
        ("unverified", "unverified"),
        ("pending", ""),
        ("claimed_by_you", "claimed_by_you"),
        ("claimed", "claimed"),
        ("revoked", "revoked"),
        ("expired", "expired"),
        ("taken", "taken"),
        ("declined", "declined"),
        ("other_address", "other_address"),
        ("invited_unverified", "invited_unverified"),
    ],
)
def test_can_claim(state, reason, invited):
    from django.contrib.auth.models import AnonymousUser

    user = UserFactory(email="teuta@example.org", verified=state != "unverified")
    invitation = Invitation.objects.create(candidacy=invited, email="teuta@example.org")
    if state == "anonymous":
        user = AnonymousUser()
    elif state in ("claimed_by_you", "claimed"):
        invitation.claimed_at = timezone.now()
        invitation.claimed_by = user if state == "claimed_by_you" else UserFactory()
    elif state == "revoked":
        invitation.revoked_at = timezone.now()
    elif state == "expired":
        invitation.sent_at -= INVITATION_MAX_AGE
    elif state == "taken":
        invited.user = UserFactory()
    elif state == "declined":
        invited.status = "declined"
    elif state == "other_address":
        user = UserFactory(email="someone@example.org", verified=True)
    elif state == "invited_unverified":
        # Verified under another address; the invited one added, not confirmed.
        user = UserFactory(email="someone@example.org", verified=True)
        EmailAddress.objects.create(user=user, email="Teuta@Example.org", verified=False)
    decision = rules.can_claim(user, invitation)
    assert decision.reason == reason
    assert bool(decision) == (reason == "")
    if reason:
        assert decision.message


def test_the_link_survives_sign_up_and_e_mail_confirmation(client, invited):
    """A newcomer signs up from the invitation, confirms the address from the
    e-mail, and lands back on the invitation, signed in, to accept it."""
    invitation = Invitation.objects.create(candidacy=invited, email="teuta@example.org")
    url = claim_url(invitation)
    response = client.post(
        f"{reverse('account_signup')}?next={quote(url)}",
        {
            "display_name": "Teuta",
            "email": "teuta@example.org",
            "password1": "Kontrate-Sociale-2023",
            "password2": "Kontrate-Sociale-2023",
            "municipality": "",
            "consent": "on",
            "next": url,
        },
    )
    assert response.status_code == 302
    confirm = re.search(
        r"https?://\S+?(/\w\w/accounts/confirm-email/[-:\w]+/)", mail.outbox[0].body
    )
    response = client.post(confirm.group(1))
    assert response.status_code == 302
    assert response["Location"] == url
    response = client.post(url)
    assert response.status_code == 302
    invited.refresh_from_db()
    assert invited.user.email == "teuta@example.org"


# --- bound to the invited address ---------------------------------------------------


def test_a_link_held_by_another_account_does_not_claim(client, invited):
    """A citizen who got hold of the link is told, in their language, where
    the invitation went (masked) and offered to sign out; nothing is linked."""
    invitation = Invitation.objects.create(candidacy=invited, email="teuta@example.org")
    stranger = UserFactory(email="someone@example.org", verified=True)
    client.force_login(stranger)
    url = claim_url(invitation, "sq")
    for response in (client.get(url), client.post(url)):
        assert response.status_code == 403
        assert "Ftesa juaj si kandidat" in response.text
        assert "t…@example.org" in response.text
        assert "e cila nuk është adresë e llogarisë suaj" in response.text
        assert "Dilni, pastaj hyni me adresën e ftuar" in response.text
        assert "teuta@example.org" not in response.text
        assert "Pranoni ftesën" not in response.text
        assert f'action="{reverse("account_logout")}"' in response.text
        assert f'name="next" value="{url}"' in response.text
    invited.refresh_from_db()
    invitation.refresh_from_db()
    assert invited.user is None
    assert invitation.claimed_at is None and invitation.claimed_by is None
    # Signing out comes back to the invitation, to sign in with the right address.
    response = client.post(reverse("account_logout"), {"next": url})
    assert response.status_code == 302
    assert response["Location"] == url
    assert f"{reverse('account_login')}?next={quote(url)}" in client.get(url).text


def test_the_manager_refuses_an_account_without_the_invited_address(invited):
    invitation = Invitation.objects.create(candidacy=invited, email="teuta@example.org")
    with pytest.raises(Refused) as refused:
        Invitation.objects.claim(
            invitation, UserFactory(email="someone@example.org", verified=True)
        )
    assert refused.value.reason == "other_address"
    invited.refresh_from_db()
    assert invited.user is None
    assert not ModelLogEntry.objects.filter(action="forums.invitation.claim").exists()


def test_any_verified_address_of_the_account_matches_whatever_its_case(client, invited):
    invitation = Invitation.objects.create(candidacy=invited, email="Teuta@Example.org")
    user = UserFactory(email="punë@example.org", verified=True)
    EmailAddress.objects.create(user=user, email="teuta@EXAMPLE.org", verified=True)
    client.force_login(user)
    response = client.post(claim_url(invitation))
    assert response.status_code == 302
    invited.refresh_from_db()
    assert invited.user == user


def test_the_invited_address_not_yet_verified_is_to_be_confirmed(client, invited):
    invitation = Invitation.objects.create(candidacy=invited, email="teuta@example.org")
    user = UserFactory(email="someone@example.org", verified=True)
    EmailAddress.objects.create(user=user, email="teuta@example.org", verified=False)
    client.force_login(user)
    response = client.post(claim_url(invitation, "sq"))
    assert response.status_code == 200
    assert "t…@example.org" in response.text
    assert f'href="{reverse("account_email")}"' in response.text
    assert "Pranoni ftesën" not in response.text
    invited.refresh_from_db()
    assert invited.user is None
    # Once the address is confirmed, the same account accepts.
    EmailAddress.objects.filter(email="teuta@example.org").update(verified=True)
    assert client.post(claim_url(invitation)).status_code == 302
    invited.refresh_from_db()
    assert invited.user == user


# --- editors see claims and can unlink an account ----------------------------------


def test_editor_sees_the_claim_and_unlinks_the_account(client, editor, invited, contract):
    invitation = Invitation.objects.create(candidacy=invited, email="teuta@example.org")
    teuta = UserFactory(email="teuta@example.org", verified=True)
    client.force_login(teuta)
    assert client.post(claim_url(invitation)).status_code == 302
    endorsement = EndorsementFactory(candidacy=invited, contract=contract)
    positions = reverse("forums:positions", args=[invited.pk])
    assert client.get(positions).status_code == 200
    invitation.refresh_from_db()

    client.force_login(editor)
    manage = reverse("forums_candidacy_manage", args=[invited.pk])
    page = client.get(manage).text
    with translation.override("sq"):
        claimed_on = formats.date_format(
            timezone.localtime(invitation.claimed_at), "DATETIME_FORMAT"
        )
    assert f"më {claimed_on} nga teuta@example.org" in page
    unlink = reverse("forums_candidacy_unlink", args=[invited.pk])
    assert f'href="{unlink}"' in page
    # The link asks first; nothing changes until the editor confirms.
    confirm = client.get(unlink)
    assert confirm.status_code == 200
    assert "Po, shkëputni llogarinë" in confirm.text
    invited.refresh_from_db()
    assert invited.user == teuta

    response = client.post(unlink, follow=True)
    assert response.redirect_chain[-1][0] == manage
    assert "Kandidatura nuk është më e lidhur me teuta@example.org." in response.text
    assert "E pranuar, llogaria u shkëput" in response.text
    invited.refresh_from_db()
    invitation.refresh_from_db()
    assert invited.user is None
    assert invitation.revoked_at is not None and invitation.claimed_by == teuta
    entry = ModelLogEntry.objects.get(action="forums.candidacy.unlink", object_id=str(invited.pk))
    assert entry.user == editor and entry.data["email"] == "teuta@example.org"
    history = client.get(reverse("wagtailsnippets_forums_candidacy:history", args=[invited.pk]))
    assert "Llogaria u shkëput nga kandidatura" in history.text

    # The account loses the candidacy at once; its signature stays on record.
    client.force_login(teuta)
    assert client.get(positions).status_code == 404
    assert client.get(reverse("forums:endorse", args=[invited.pk])).status_code == 404
    assert client.post(claim_url(invitation)).status_code == 410
    endorsement.refresh_from_db()
    assert endorsement.withdrawn_at is None


def test_only_editors_unlink_an_account(client, contract):
    candidacy = CandidacyFactory(contract=contract)
    unlink = reverse("forums_candidacy_unlink", args=[candidacy.pk])
    client.force_login(UserFactory(verified=True))  # no admin: sent to sign in
    assert client.post(unlink).status_code == 302
    # A moderator is refused (Wagtail turns the refusal into a redirect home).
    client.force_login(UserFactory(verified=True, groups=["Moderators"]))
    assert client.get(unlink)["Location"] == reverse("wagtailadmin_home")
    assert client.post(unlink)["Location"] == reverse("wagtailadmin_home")
    candidacy.refresh_from_db()
    assert candidacy.user is not None
    assert not ModelLogEntry.objects.filter(action="forums.candidacy.unlink").exists()

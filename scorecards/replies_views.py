"""The link of a respondent's invitation e-mail: checked, then accepted by
the signed-in account that holds the invited address. Thin:
`scorecards.rules.can_claim_respondent` decides, `Respondent.objects.claim`
writes."""

from django.contrib import messages
from django.core import signing
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from wagtail.models import Locale

from forums.models import Refused

from . import rules
from .models import MunicipalityScorecardPage, Respondent

# Refusals the person can fix from the claim page.
_CLAIM_PAGE_REASONS = ("anonymous", "unverified", "invited_unverified", "other_address")


def _scorecard_of(request, respondent):
    page = (
        MunicipalityScorecardPage.objects.live()
        .filter(municipality_id=respondent.municipality_id, locale=Locale.get_active())
        .first()
    )
    return redirect(page.get_url(request) if page else "/")


def _refused(request, message, status):
    return render(
        request, "scorecards/replies/claim_refused.html", {"message": message}, status=status
    )


def claim(request, token):
    try:
        respondent = Respondent.from_token(token)
    except signing.SignatureExpired:
        return _refused(
            request, _("This invitation has expired. Ask the network for a new one."), 410
        )
    except (signing.BadSignature, Respondent.DoesNotExist):
        return _refused(
            request,
            _(
                "This invitation link is not valid: it may have been cut or changed. Open it "
                "again from the e-mail, or ask the network for a new one."
            ),
            400,
        )
    decision = rules.can_claim_respondent(request.user, respondent)
    if decision.reason == "claimed_by_you":
        messages.info(request, decision.message)
        return _scorecard_of(request, respondent)
    if decision and request.method == "POST":
        try:
            Respondent.objects.claim(respondent, request.user)
        except Refused as refused:
            return _refused(request, refused.message, 410)
        messages.success(
            request,
            _("Your account now replies for the municipality of %(name)s.")
            % {"name": respondent.municipality.name},
        )
        return _scorecard_of(request, respondent)
    if decision or decision.reason in _CLAIM_PAGE_REASONS:
        return render(
            request,
            "scorecards/replies/claim.html",
            {"respondent": respondent, "decision": decision, "next": request.get_full_path()},
            status=403 if decision.reason == "other_address" else 200,
        )
    return _refused(request, decision.message, 410)

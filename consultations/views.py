"""Public views of consultations for URLs that are not pages (the pages own
their views: see `ConsultationPage`'s routes)."""

from django.contrib.auth import get_user_model
from django.core import signing
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from .notifications import UNSUBSCRIBE_SALT

# --- unsubscribing (no sign-in needed) ---------------------------------------


@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """Turn off one kind of e-mail from a signed link. GET only asks (mail
    scanners follow links); POST does it."""
    try:
        data = signing.loads(token, salt=UNSUBSCRIBE_SALT)
        user = get_user_model().objects.get(pk=data["user"])
        field = {"replies": "notify_replies", "municipality": "notify_municipality"}[data["kind"]]
    except (signing.BadSignature, KeyError, TypeError, get_user_model().DoesNotExist):
        return render(request, "consultations/unsubscribe.html", {"invalid": True}, status=400)
    done = False
    if request.method == "POST":
        setattr(user, field, False)
        user.save(update_fields=[field])
        done = True
    return render(
        request,
        "consultations/unsubscribe.html",
        {"kind": data["kind"], "done": done, "token": token},
    )

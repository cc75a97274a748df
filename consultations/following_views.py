"""Views of following that are not pages: follow / stop following, the
notifications page, and the e-mails' unsubscribe link (no sign-in)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from .following import followable, read_unsubscribe_token
from .following_forms import PreferencesForm
from .models import Delivery, Follow, Notification, NotificationPreference
from .rules import can_follow


def _next(request, fallback="/"):
    url = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(url, {request.get_host()}, request.is_secure()):
        return url
    return fallback


@require_POST
def follow(request, kind, pk):
    """Follow (or, with `stop`, stop following) a municipality or a priority."""
    target = followable(kind, pk)  # 404 before anything else
    back = _next(request)
    decision = can_follow(request.user, back)
    if not decision:
        if decision.reason == "anonymous":
            return redirect(decision.link_url)
        messages.error(request, decision.message)
        return redirect(back)
    if request.POST.get("stop"):
        Follow.objects.unfollow(request.user, target)
        messages.success(request, _("You no longer follow %(name)s.") % {"name": target})
    else:
        Follow.objects.follow(request.user, target)
        messages.success(
            request,
            _("You follow %(name)s: we will tell you when it changes.") % {"name": target},
        )
    return redirect(back)


@login_required
@require_http_methods(["GET", "POST"])
def notifications(request):
    """The signed-in person's notifications, newest first; POST marks one
    (`notification`) or all of them read."""
    if request.method == "POST":
        pk = request.POST.get("notification") or None
        Notification.objects.mark_read(request.user, pk if pk and pk.isdigit() else None)
        return redirect(request.path)
    form = PreferencesForm(choices=NotificationPreference.objects.choices_of(request.user))
    page = Paginator(Notification.objects.of(request.user).listing(), 30).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "consultations/notifications.html",
        {"page": page, "unread": any(n.read_at is None for n in page), "form": form},
    )


@login_required
@require_POST
def preferences(request):
    """Store the person's choice of e-mails per kind of notification."""
    form = PreferencesForm(request.POST)
    if form.is_valid():
        NotificationPreference.objects.choose(request.user, form.cleaned_data)
        messages.success(request, _("Your choices are saved."))
    else:
        messages.error(request, _("Choose when to be e-mailed for each kind of change."))
    return redirect("consultations:notifications")


@csrf_exempt  # RFC 8058: mail clients POST "List-Unsubscribe=One-Click" without a form
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    """Stop the e-mails of the kinds in a signed link. GET only asks (mail
    scanners follow links); POST does it."""
    found = read_unsubscribe_token(token)
    if found is None:
        return render(
            request, "consultations/following_unsubscribe.html", {"invalid": True}, status=400
        )
    person, kinds = found
    done = False
    if request.method == "POST":
        NotificationPreference.objects.choose(person, dict.fromkeys(kinds, Delivery.NEVER))
        done = True
    return render(
        request,
        "consultations/following_unsubscribe.html",
        {"kinds": [kind.label for kind in kinds], "done": done},
    )

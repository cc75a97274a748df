"""Candidates' URLs (forum pages route their own sub-URLs, see
`ForumPage`)."""

from django.urls import path

from .candidates import public_views, views

app_name = "forums"

urlpatterns = [
    path("", views.my_candidacies, name="my_candidacies"),
    path("request/", views.request_candidacy, name="request"),
    path("invitation/<str:token>/", views.claim, name="claim"),
    path("invitations/<int:invitation_id>/accept/", views.claim_pending, name="claim_pending"),
    path("<int:candidacy_id>/", views.positions, name="positions"),
    path("<int:candidacy_id>/endorse/", views.endorse, name="endorse"),
    path("<int:candidacy_id>/withdraw/", views.withdraw, name="withdraw"),
    path("profile/<int:candidacy_id>/", public_views.candidate, name="candidate"),
    path(
        "offers/<slug:municipality>/<int:year>/",
        public_views.side_by_side,
        name="side_by_side",
    ),
]

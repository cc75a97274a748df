from django.urls import path

from . import views

app_name = "forums"

urlpatterns = [
    path("", views.my_candidacies, name="my_candidacies"),
    path("request/", views.request_candidacy, name="request"),
    path("invitation/<str:token>/", views.claim, name="claim"),
    path("invitations/<int:invitation_id>/accept/", views.claim_pending, name="claim_pending"),
    path("<int:candidacy_id>/", views.positions, name="positions"),
    path("<int:candidacy_id>/endorse/", views.endorse, name="endorse"),
    path("<int:candidacy_id>/withdraw/", views.withdraw, name="withdraw"),
    path("profile/<int:candidacy_id>/", views.candidate, name="candidate"),
    path(
        "offers/<slug:municipality>/<int:year>/",
        views.side_by_side,
        name="side_by_side",
    ),
]

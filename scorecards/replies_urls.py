"""The respondents' invitation link (the reply form is a route of the
municipality's scorecard page)."""

from django.urls import path

from . import replies_views

urlpatterns = [
    path(
        "invitation/<str:token>/",
        replies_views.claim,
        name="scorecards_respondent_claim",
    ),
]

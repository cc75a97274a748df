from django.urls import path

from . import following_views, views

app_name = "consultations"

urlpatterns = [
    path("unsubscribe/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path(
        "follow/<str:kind>/<str:pk>/",
        following_views.follow,
        name="follow",
    ),
    path("notifications/", following_views.notifications, name="notifications"),
    path(
        "notifications/preferences/",
        following_views.preferences,
        name="notification_preferences",
    ),
    path(
        "notifications/unsubscribe/<str:token>/",
        following_views.unsubscribe,
        name="following_unsubscribe",
    ),
]

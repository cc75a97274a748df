"""The API's addresses alone: the URLconf its answers are finished with, so
that a 404 of the API stays a JSON 404 (the site's LocaleMiddleware would
otherwise redirect it to a language-prefixed page that does not exist)."""

from django.urls import path

from . import api

urlpatterns = [path("api/v1/", api.urls)]

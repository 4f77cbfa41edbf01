"""/corrections/ and its feed; /droit-de-reponse/, the right-of-reply form."""

from django.urls import path
from django.views.decorators.http import require_safe

from . import views
from .feeds import CorrectionsFeed

app_name = "corrections"

urlpatterns = [
    path("corrections/", views.corrections_index, name="index"),
    path("corrections/rss/", require_safe(CorrectionsFeed()), name="feed"),
    path("droit-de-reponse/", views.reply_form, name="reply_form"),
    path("droit-de-reponse/recue/<str:token>/", views.reply_received, name="reply_received"),
]

"""Readers' subscription pages under /abonnement/ and /compte/abonnement/ (the page cache
skips /compte/), and Stripe's webhook."""

from django.urls import path

from . import views

app_name = "subscriptions"

urlpatterns = [
    path("abonnement/", views.offers, name="offers"),
    path("abonnement/offre/<slug:slug>/", views.choose, name="choose"),
    path(
        "abonnement/offre/<slug:slug>/demande/",
        views.request_subscription,
        name="request",
    ),
    path("abonnement/demande/<int:pk>/", views.request_sent, name="request_sent"),
    path("abonnement/paiement/", views.checkout, name="checkout"),
    path("abonnement/merci/", views.thanks, name="thanks"),
    path("abonnement/stripe/webhook/", views.stripe_webhook, name="stripe_webhook"),
    path("compte/abonnement/", views.my_subscription, name="mine"),
    path("compte/abonnement/resilier/", views.cancel, name="cancel"),
    path("compte/abonnement/reactiver/", views.reactivate, name="reactivate"),
    path("compte/abonnement/recu/<int:pk>/", views.receipt, name="receipt"),
    path("compte/abonnement/carte/", views.change_card, name="change_card"),
]

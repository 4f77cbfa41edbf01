"""Readers' account pages, under /compte/ (« Mon abonnement » is the subscriptions' own)."""

from django.contrib.auth import views as auth_views
from django.urls import path

from . import views

app_name = "accounts"

urlpatterns = [
    path("", views.my_account, name="my_account"),
    path("changer-mot-de-passe/", views.PasswordChangeView.as_view(), name="password_change"),
    path("adresse/", views.email_change, name="email_change"),
    path("adresse/confirmer/<str:token>/", views.email_confirm, name="email_confirm"),
    path("donnees/", views.download_data, name="download_data"),
    path("applications/deconnecter/", views.sign_out_apps, name="sign_out_apps"),
    path("supprimer/", views.delete_account, name="delete_account"),
    path("inscription/", views.signup, name="signup"),
    path("confirmer/<str:token>/", views.confirm, name="confirm"),
    path("connexion/", views.LoginView.as_view(), name="login"),
    path("deconnexion/", views.LogoutView.as_view(), name="logout"),
    path("mot-de-passe/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "mot-de-passe/envoye/",
        auth_views.PasswordResetDoneView.as_view(template_name="accounts/password_reset_done.html"),
        name="password_reset_done",
    ),
    path(
        "mot-de-passe/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "mot-de-passe/termine/",
        auth_views.PasswordResetCompleteView.as_view(
            template_name="accounts/password_reset_complete.html"
        ),
        name="password_reset_complete",
    ),
]

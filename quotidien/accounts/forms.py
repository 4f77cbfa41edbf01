"""Readers' account forms, in French."""

import unicodedata

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import (
    AuthenticationForm,
    PasswordChangeForm,
    PasswordResetForm,
    SetPasswordForm,
)
from django.utils.translation import gettext_lazy as _

from quotidien.text import clean_display_name, is_blank

from . import services
from .names import check_display_name

User = get_user_model()

# The rules of AUTH_PASSWORD_VALIDATORS, in the words every form that chooses a password
# shows (sign-up, reset, change): Django's own list them as four long sentences.
PASSWORD_HELP = _(
    "Au moins 8 caractères, pas seulement des chiffres. Évitez les mots de passe courants "
    "et ceux qui ressemblent à votre nom ou à votre adresse."
)


def checked_display_name(value: str, *, reader=None) -> str:
    """A typed display name as it will be stored, or the ValidationError that says why it
    may not be shown (too short, reserved, another reader's than `reader`)."""
    name = clean_display_name(value)
    if len(name) < 2 or is_blank(name):
        raise forms.ValidationError(_("Choisissez un nom d’au moins deux caractères."))
    check_display_name(name, reader=reader)
    return name


class DisplayNameField(forms.CharField):
    """A name counted as it reads: typed with combining accents (« e » then « ́ »), it is
    composed (NFC) before its length is checked, one letter each."""

    def to_python(self, value):
        return unicodedata.normalize("NFC", super().to_python(value))


class SignupForm(forms.Form):
    email = forms.EmailField(label=_("Adresse e-mail"), max_length=150)
    display_name = DisplayNameField(
        label=_("Nom affiché avec vos commentaires"),
        max_length=60,
        help_text=_("Par exemple « Leïla M. » ou « Une lectrice de Saïda »."),
    )
    password1 = forms.CharField(
        label=_("Mot de passe"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=PASSWORD_HELP,
    )
    password2 = forms.CharField(
        label=_("Mot de passe, une seconde fois"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_email(self):
        # Whether the address already has an account is not said here, to anyone who types
        # it: reader_signup() tells the account's owner by e-mail instead. NFKC as Django
        # applies to user names: a full-width form names the same account as its plain one.
        return services.normalize_email(self.cleaned_data["email"])

    def clean_display_name(self):
        # A sign-up takes over an unconfirmed account of its address, name included: the
        # name that account holds is not another reader's.
        email = self.cleaned_data.get("email")
        account = services.unconfirmed_account_of(email) if email else None
        return checked_display_name(self.cleaned_data["display_name"], reader=account)

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("Les deux mots de passe ne sont pas identiques."))
        elif first:
            candidate = User(
                username=cleaned.get("email", ""),
                email=cleaned.get("email", ""),
                display_name=cleaned.get("display_name", ""),
            )
            try:
                password_validation.validate_password(first, candidate)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class LoginForm(AuthenticationForm):
    username = forms.CharField(
        label=_("Adresse e-mail"),
        max_length=150,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Adresse e-mail ou mot de passe incorrect. Si vous venez de créer votre compte, "
            "cliquez d’abord sur le lien de confirmation reçu par e-mail."
        ),
    }


class DisplayNameForm(forms.Form):
    display_name = SignupForm.base_fields["display_name"]

    def __init__(self, *args, reader, **kwargs):
        super().__init__(*args, **kwargs)
        self.reader = reader

    def clean_display_name(self):
        return checked_display_name(self.cleaned_data["display_name"], reader=self.reader)


def current_password_field():
    """The account's password, asked before a change that matters; services check it."""
    return forms.CharField(
        label=_("Votre mot de passe actuel"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )


class EmailChangeForm(forms.Form):
    email = forms.EmailField(
        label=_("Nouvelle adresse e-mail"),
        max_length=150,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    password = current_password_field()


class DeleteAccountForm(forms.Form):
    password = current_password_field()
    erase_comments = forms.BooleanField(
        label=_("Effacer aussi le texte de mes commentaires"),
        required=False,
        help_text=_(
            "Chaque commentaire restera à sa place, pour que les réponses des autres lecteurs "
            "gardent leur sens, mais son texte sera remplacé par « Commentaire supprimé par "
            "son auteur »."
        ),
    )


class ReaderPasswordResetForm(PasswordResetForm):
    """Django's, its e-mail sent as the other account e-mails (`services.account_email`)."""

    def send_mail(self, subject_template_name, email_template_name, context, *args, **kwargs):
        services.account_email(context["email"], "password_reset", context).send()


class NewPasswordHelpMixin:
    """A form of Django's that chooses a password, its rules told as at sign-up."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["new_password1"].help_text = PASSWORD_HELP


class ReaderSetPasswordForm(NewPasswordHelpMixin, SetPasswordForm):
    """The form of the password reset link."""


class AccountPasswordChangeForm(NewPasswordHelpMixin, PasswordChangeForm):
    """Django's, with the old password checked as "Mon compte"'s other forms check it:
    wrong ones count against a limit per account (`services.password_error`)."""

    def clean_old_password(self):
        old_password = self.cleaned_data["old_password"]
        if error := services.password_error(self.user, old_password):
            raise error
        return old_password

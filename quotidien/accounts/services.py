"""Readers' accounts: sign-up and the confirmation of their email address; then what
"Mon compte" lets a reader do: change their name or address, and close the account.

The links they are sent lead to the paper's public address (the SITE_URL setting), never
to the host a request named: whoever sends the form chooses that one.
"""

import re
import unicodedata
from datetime import timedelta

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.contrib.contenttypes.models import ContentType
from django.core import signing
from django.core.exceptions import ValidationError
from django.core.mail import EmailMultiAlternatives
from django.db import connection, transaction
from django.db.models import Exists, ForeignObjectRel, OuterRef, Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from wagtail.log_actions import log
from wagtail.models import ModelLogEntry

from quotidien.comments.models import Comment
from quotidien.links import public_url
from quotidien.moderation.classifier.models import TrainingExample
from quotidien.moderation.services import announce_change
from quotidien.ratelimits import limits
from quotidien.subscriptions.models import MeteredRead, Subscription
from quotidien.subscriptions.services import forget_requests
from quotidien.text import clean_display_name, paragraphs

from . import tasks
from .lockout import fold
from .mail_limits import count_mail_to
from .models import DELETED_ACCOUNTS_DOMAIN
from .names import check_display_name

SALT = "quotidien.accounts.confirm"
EMAIL_CHANGE_SALT = "quotidien.accounts.email-change"

# The audit log's actions on an account (Wagtail's log, labelled in wagtail_hooks.py).
DISPLAY_NAME_CHANGED = "accounts.display_name"
PASSWORD_CHANGED = "accounts.password"
EMAIL_CHANGED = "accounts.email"
ACCOUNT_DELETED = "accounts.delete"
APPS_SIGNED_OUT = "accounts.apps_signed_out"

# What a deleted account shows, and what its erased comments say (reserved names both:
# no reader may sign up as « Lecteur supprimé »).
DELETED_NAME = "Lecteur supprimé"
ERASED_COMMENT = "Commentaire supprimé par son auteur."


# The PostgreSQL advisory lock that lets one sign-up at a time check and create (any
# number of the site's own, so long as nothing else takes it).
SIGNUP_LOCK = 7_246_105


def reader_signup(*, email: str, display_name: str, password: str, next_url: str = "/"):
    """Create an inactive reader account and send the link that activates it; the link
    brings the reader back to `next_url` (an address of the site) once confirmed.

    When the address already has an account, nothing is created and the person who
    typed it is told the same thing (a link was sent): the owner of a confirmed account
    gets an e-mail saying someone tried to sign up, with the ways back in. An account
    never confirmed belongs to no one yet (whoever signed up did not show the address was
    theirs): it takes the name and password of this sign-up, starts its validity again,
    and a new link goes out; the links sent before no longer open it. Returns the account
    the e-mail went to.

    The name and the address are checked again as the account is written, one sign-up at
    a time: a ValidationError on the field (code "display_name_taken") when another reader
    took the name since the form was checked.
    """
    users = get_user_model()._default_manager
    # Hashed first, outside the lock: it is the slow part, and a taken address costs as
    # long to answer as a new account.
    hashed = make_password(password)
    user = None
    with transaction.atomic():
        _one_signup_at_a_time()
        existing = _account_of(email)
        if existing is None or is_unconfirmed(existing):
            try:
                check_display_name(display_name, reader=existing)
            except ValidationError as error:
                raise ValidationError({"display_name": error}) from None
        if existing is None:
            user = users.model(
                username=users.model.normalize_username(email),
                email=users.normalize_email(email),
                password=hashed,
                display_name=display_name,
                is_active=False,
            )
            user.save(using=users.db)
        elif is_unconfirmed(existing):
            user = existing
            user.password = hashed
            user.display_name = display_name
            user.date_joined = timezone.now()
            user.save(update_fields=["password", "display_name", "date_joined"])
    # Either way one e-mail waits for the worker: the answer takes as long.
    if user is None:
        tasks.mail_account_exists.enqueue(existing.pk, next_url)
        return existing
    tasks.mail_confirmation.enqueue(user.pk, next_url)
    transaction.on_commit(tasks.purge_when_link_expires)
    return user


def unconfirmed_accounts():
    """The accounts whose address nobody confirmed: inactive, never logged in, and no
    member of the staff (an account the newsroom made inactive is not a sign-up)."""
    return get_user_model()._default_manager.filter(
        is_active=False,
        last_login__isnull=True,
        is_staff=False,
        is_superuser=False,
        groups=None,
        user_permissions=None,
    )


def unconfirmed_account_of(email: str):
    """The account of `email`, if nobody confirmed it."""
    account = _account_of(email)
    return account if account is not None and is_unconfirmed(account) else None


def is_unconfirmed(user) -> bool:
    return (
        not user.is_active
        and user.last_login is None
        and unconfirmed_accounts().filter(pk=user.pk).exists()
    )


def purge_unconfirmed_accounts() -> int:
    """Delete the accounts nobody confirmed before their last link expired
    (ACCOUNT_CONFIRMATION_DAYS after the sign-up), so that their addresses and names are
    free again; returns how many. An account that any row names (a subscription, a
    payment, an entry of the log…) stays: nothing is lost with it."""
    cutoff = timezone.now() - timedelta(days=settings.ACCOUNT_CONFIRMATION_DAYS)
    model = get_user_model()
    with transaction.atomic():
        # Not while a sign-up for one of them starts its validity again.
        _one_signup_at_a_time()
        expired = unconfirmed_accounts().filter(date_joined__lt=cutoff)
        for relation in model._meta.get_fields(include_hidden=True):
            if isinstance(relation, ForeignObjectRel):
                rows = relation.related_model._base_manager.filter(
                    **{relation.field.name: OuterRef("pk")}
                )
                expired = expired.exclude(Exists(rows))
        pks = list(expired.values_list("pk", flat=True))
        model._default_manager.filter(pk__in=pks).delete()
    return len(pks)


def _one_signup_at_a_time() -> None:
    """Hold the other sign-ups until the end of this transaction. SQLite's transactions
    take the database's write lock as they begin (`transaction_mode` IMMEDIATE, see
    settings); PostgreSQL's are given an advisory lock."""
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [SIGNUP_LOCK])


def send_confirmation(user, *, next_url: str = "/") -> None:
    """E-mail `user` the link that activates their account, on the paper's address."""
    token = signing.dumps({"id": user.pk, "key": _confirmation_fingerprint(user)}, salt=SALT)
    link = public_url(reverse("accounts:confirm", args=[token]))
    if next_url and next_url != "/":
        link += "?" + urlencode({"next": next_url})
    context = {"user": user, "link": link, "days": settings.ACCOUNT_CONFIRMATION_DAYS}
    _send(user.email, "confirm_email", context)


def _confirmation_fingerprint(user) -> str:
    """What a confirmation link is bound to: once a new sign-up changes the account's
    password or name (or its address changes), the links sent before no longer open it."""
    return salted_hmac(
        SALT, f"{user.pk}:{user.email}:{user.password}:{user.display_name}"
    ).hexdigest()[:24]


def send_account_exists(user, *, next_url: str = "/") -> None:
    """Tell `user` that someone tried to sign up with their address, and how to get in:
    the login brings them back to `next_url`, where the sign-up started."""
    login_link = public_url(reverse("accounts:login"))
    if next_url and next_url != "/":
        login_link += "?" + urlencode({"next": next_url})
    context = {
        "user": user,
        "login_link": login_link,
        "reset_link": public_url(reverse("accounts:password_reset")),
    }
    _send(user.email, "account_exists", context)


def confirm_reader(token: str):
    """The account a confirmation link activates, or None when the link is bad, old, used
    or outdated by a later sign-up. Nobody is logged in by it: whoever opens the link may
    not be whoever chose the password."""
    try:
        data = signing.loads(
            token, salt=SALT, max_age=settings.ACCOUNT_CONFIRMATION_DAYS * 24 * 3600
        )
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("id"), int):
        return None
    with transaction.atomic():
        # One at a time with the sign-ups, which may be changing the account's password.
        _one_signup_at_a_time()
        user = unconfirmed_accounts().filter(pk=data["id"]).first()
        if user is None or not constant_time_compare(
            str(data.get("key")), _confirmation_fingerprint(user)
        ):
            return None
        user.is_active = True
        user.save(update_fields=["is_active"])
    return user


def change_display_name(*, reader, display_name: str) -> None:
    """Show `display_name` under `reader`'s comments from now on, checked as at sign-up
    (reserved names, another reader's name however it is spelt), one change at a time.
    A ValidationError on the field when it may not be shown."""
    display_name = clean_display_name(display_name)
    users = get_user_model()._default_manager
    with transaction.atomic():
        # Checked again under the sign-ups' lock: a sign-up or another change may be
        # taking the same name at this moment.
        _one_signup_at_a_time()
        try:
            check_display_name(display_name, reader=reader)
        except ValidationError as error:
            raise ValidationError({"display_name": error}) from None
        reader = users.select_for_update().get(pk=reader.pk)
        if reader.display_name == display_name:
            return
        reader.display_name = display_name
        # The model's own save keeps `display_name_key` and outdates the pages that show
        # the reader's comments (quotidien.comments.signal_handlers).
        reader.save(update_fields=["display_name"])
        log(reader, DISPLAY_NAME_CHANGED, user=reader)


def sign_out_apps(*, reader) -> None:
    """End every API token of `reader` (the paper's apps ask them to log in again); their
    sessions on the site stay."""
    get_user_model()._default_manager.filter(pk=reader.pk).update(apps_signed_out_at=timezone.now())
    log(reader, APPS_SIGNED_OUT, user=reader)


def password_changed(*, reader) -> None:
    """Note in the audit log that `reader` chose a new password (Django's form saves it;
    their other sessions and API tokens end with the old one)."""
    log(reader, PASSWORD_CHANGED, user=reader)


class TooManyEmailChanges(ValidationError):
    """A reader asked to change their address too often: nothing was sent."""

    def __init__(self, verdict: limits.Verdict):
        super().__init__(
            _(
                "Vous avez demandé plusieurs changements d’adresse en peu de temps : %(wait)s. "
                "Le dernier lien envoyé reste valable."
            )
            % {"wait": limits.wait_message(verdict.retry_after)},
            code="too_many_email_changes",
        )
        self.verdict = verdict


def normalize_email(email: str) -> str:
    """An address as sign-up stores it: NFKC (a full-width form is its plain one), without
    spaces around, in small letters."""
    return unicodedata.normalize("NFKC", email).strip().lower()


def password_error(reader, password: str) -> ValidationError | None:
    """Why `password`, typed to confirm a change of `reader`'s account, is refused, or None.

    Wrong passwords count against ACCOUNT_PASSWORD_ATTEMPTS_PER_HOUR: whoever holds a
    reader's open session (a shared computer) must not guess the password at leisure,
    then change the address and take the account."""
    if not (verdict := limits.peek("account-password", reader.pk)):
        return ValidationError(
            _("Trop de mots de passe incorrects : %(wait)s.")
            % {"wait": limits.wait_message(verdict.retry_after)},
            "too_many_attempts",
        )
    if not reader.check_password(password):
        limits.hit("account-password", reader.pk)
        return ValidationError(
            _("Mot de passe incorrect : tapez celui de votre compte."), "wrong_password"
        )
    return None


def check_password(reader, password: str) -> None:
    """A ValidationError on the field `password` unless it is `reader`'s (`password_error`)."""
    if error := password_error(reader, password):
        raise ValidationError({"password": error})


def request_email_change(*, reader, email: str, password: str) -> None:
    """Send `reader` a link to `email` that makes it their address once opened; nothing
    changes before.

    When `email` is another account's, nothing is sent to it but a word that someone tried
    to use it: the reader is told the same thing either way, so that the form tells no one
    which addresses have an account. ValidationError "same_email" for their own address,
    TooManyEmailChanges past the "email-change" limit of the account or the mail limit of
    the address ("address-emails"), "wrong_password" (see `check_password`).
    """
    check_password(reader, password)
    email = normalize_email(email)
    if email == normalize_email(reader.email):
        raise ValidationError(
            {"email": ValidationError(_("C’est déjà l’adresse de votre compte."), "same_email")}
        )
    verdict = limits.hit("email-change", reader.pk)
    if verdict:
        verdict = count_mail_to(email)
    if not verdict:
        raise TooManyEmailChanges(verdict)
    # Whether the address is another account's is looked at by the worker: the answer
    # takes as long either way.
    tasks.mail_email_change.enqueue(reader.pk, email)


def send_email_change(reader, email: str) -> None:
    """E-mail `email` the link that makes it `reader`'s address, or, when it is another
    account's, tell that account someone tried to use it."""
    owner = _account_of(email, besides=reader)
    if owner is not None:
        _send(owner.email, "email_taken", {"user": owner})
        return
    fingerprint = _email_fingerprint(reader)
    token = signing.dumps(
        {"id": reader.pk, "email": email, "key": fingerprint}, salt=EMAIL_CHANGE_SALT
    )
    link = public_url(reverse("accounts:email_confirm", args=[token]))
    _send(
        email,
        "email_change",
        {"user": reader, "link": link, "days": settings.ACCOUNT_CONFIRMATION_DAYS},
    )


def confirm_email_change(token: str):
    """Make the address of a link sent by `request_email_change` its account's, and tell
    the former address; the account, or None when the link is forged, old, already used
    (the address or the password changed since) or its address was taken meanwhile."""
    try:
        data = signing.loads(
            token,
            salt=EMAIL_CHANGE_SALT,
            max_age=settings.ACCOUNT_CONFIRMATION_DAYS * 24 * 3600,
        )
    except signing.BadSignature:
        return None
    if not isinstance(data, dict) or not isinstance(data.get("id"), int):
        return None
    users = get_user_model()._default_manager
    with transaction.atomic():
        # One at a time with sign-ups, which may be taking the same address.
        _one_signup_at_a_time()
        user = users.select_for_update().filter(pk=data["id"], is_active=True).first()
        email = data.get("email")
        if (
            user is None
            or not isinstance(email, str)
            or not constant_time_compare(str(data.get("key")), _email_fingerprint(user))
            or _account_of(email, besides=user) is not None
        ):
            return None
        former = user.email
        fields = ["email"]
        if fold(user.username) == fold(former):
            # A reader's user name is their address: the former one would stay with it.
            user.username = users.model.normalize_username(email)
            fields.append("username")
        user.email = email
        user.save(update_fields=fields)
        log(user, EMAIL_CHANGED, user=user)
    tasks.mail_email_changed.enqueue(user.pk, former, email)
    return user


def send_email_changed(user, *, former: str) -> None:
    """Tell the former address of `user` that their address is now another."""
    _send(former, "email_changed", {"user": user, "email": user.email})


def _account_of(email: str, *, besides=None):
    """The account (other than `besides`) that `email` names, as log-ins read addresses."""
    accounts = get_user_model()._default_manager.filter(
        Q(email__iexact=email) | Q(username__iexact=email)
    )
    if besides is not None:
        accounts = accounts.exclude(pk=besides.pk)
    return accounts.order_by("pk").first()


def _email_fingerprint(user) -> str:
    """What a link to change the address is bound to: once the address or the password
    changes, it no longer opens."""
    return salted_hmac(EMAIL_CHANGE_SALT, f"{user.pk}:{user.email}:{user.password}").hexdigest()[
        :24
    ]


def account_email(address: str, template: str, context: dict) -> EmailMultiAlternatives:
    """The e-mail accounts/<template>_subject.txt and <template>.txt to `address`, signed
    with the paper's name (accounts/email_signature.txt), with its HTML alternative: the
    same paragraphs in the paper's colours (accounts/emails/base.html, on every e-mail's
    layout, emails/layout.html), links clickable. As the subscribers' e-mails are sent."""
    # The masthead links to the front page, unless the e-mail names the paper's address itself.
    context = {"site_url": public_url("/"), **context, "site": settings.WAGTAIL_SITE_NAME}
    subject = " ".join(render_to_string(f"accounts/{template}_subject.txt", context).split())
    text = render_to_string(f"accounts/{template}.txt", context).strip()
    signature = render_to_string("accounts/email_signature.txt", context).strip()
    body = f"{text}\n\n{signature}\n"
    labels = iter(BUTTONS.get(template, ()))
    html = render_to_string(
        "accounts/emails/base.html",
        {
            **context,
            "subject": subject,
            "paragraphs": [
                {"link": part, "label": next(labels, _("Ouvrir le lien"))}
                if LINK.fullmatch(part)
                else {"text": part}
                for part in paragraphs(body)
            ],
        },
    )
    message = EmailMultiAlternatives(subject=subject, body=body, to=[address])
    message.attach_alternative(html, "text/html")
    return message


# A paragraph that is only a link: the HTML shows it as the e-mail's button, labelled
# with what it does (BUTTONS, in the order of the e-mail's links), the link under it.
LINK = re.compile(r"https?://\S+")
BUTTONS = {
    "confirm_email": [gettext_lazy("Activer mon compte")],
    "account_exists": [
        gettext_lazy("Me connecter"),
        gettext_lazy("Choisir un nouveau mot de passe"),
    ],
    "email_change": [gettext_lazy("Confirmer cette adresse")],
    "password_reset": [gettext_lazy("Choisir un nouveau mot de passe")],
}


def _send(address: str, template: str, context: dict) -> None:
    """Send `account_email` (from the worker: `tasks`)."""
    account_email(address, template, context).send()


def has_running_subscription(reader) -> bool:
    """Whether `reader` has a subscription that renews by itself, a card's: it is to be
    cancelled first, on « Mon abonnement », or the card would go on being charged. One
    cancelled, or paid by hand to the Service abonnés (which never renews by itself),
    ends with the account."""
    return Subscription.objects.filter(
        user=reader,
        source=Subscription.Source.STRIPE,
        status__in=(Subscription.Status.ACTIVE, Subscription.Status.PAST_DUE),
        cancel_at_period_end=False,
    ).exists()


def check_can_delete(reader) -> None:
    """Raise a ValidationError saying why `reader` cannot close their account yet."""
    if reader.enters_back_office():
        raise ValidationError(
            _(
                "Ce compte est celui d’un membre de l’équipe du journal : demandez sa "
                "suppression à un administrateur."
            ),
            code="staff",
        )
    if has_running_subscription(reader):
        raise ValidationError(
            _(
                "Votre abonnement est en cours : résiliez-le d’abord sur la page « Mon "
                "abonnement », puis revenez supprimer votre compte."
            ),
            code="subscription_running",
        )


def delete_account(*, reader, password: str, erase_comments: bool = False) -> None:
    """Close `reader`'s account for good, at their request (the right to erasure).

    The row stays, for the payments kept for the accounts and the rows that name it, but
    nothing of the reader: an address that receives no mail, « Lecteur supprimé » under
    their comments, no password, inactive, so that their sessions and API tokens end. With
    `erase_comments`, their comments' texts go too: each stays in its thread, so that
    replies keep their place, and reads « Commentaire supprimé par son auteur. ».

    ValidationError "wrong_password" on the field `password`; see `check_can_delete`.
    """
    check_password(reader, password)
    check_can_delete(reader)
    users = get_user_model()._default_manager
    with transaction.atomic():
        reader = users.select_for_update().get(pk=reader.pk)
        # Again under the lock: a payment may have come in meanwhile.
        check_can_delete(reader)
        former_logins = {fold(reader.username), fold(reader.email)}
        if erase_comments:
            erase_comments_of(reader=reader)
        address = f"compte-{reader.pk}@{DELETED_ACCOUNTS_DOMAIN}"
        reader.username = address
        reader.email = address
        reader.display_name = DELETED_NAME
        reader.first_name = reader.last_name = ""
        reader.set_unusable_password()
        reader.is_active = False
        # Never None again: a sign-up confirmation link still travelling would open it.
        reader.last_login = timezone.now()
        reader.save()
        MeteredRead.objects.filter(user=reader).delete()
        forget_requests(reader=reader)
        _forget_logins(reader, former_logins)
        log(reader, ACCOUNT_DELETED, user=reader, data={"comments_erased": erase_comments})


def erase_comments_of(*, reader) -> None:
    """Take the texts of `reader`'s comments away, keeping each comment in its thread.

    Published ones read « Commentaire supprimé par son auteur. » where they were; those
    awaiting a moderator leave the queue, refused with that reason. The copies the
    classifier learns from go too, and the pages that showed a text are outdated.
    """
    comments = Comment.objects.filter(author=reader)
    shown = {}
    for comment in comments.published().only("pk", "article_id"):
        shown.setdefault(comment.article_id, comment)
    comments.filter(status=Comment.Status.PENDING).update(
        status=Comment.Status.REJECTED, held_reason=ERASED_COMMENT
    )
    comments.update(body=ERASED_COMMENT, findings=[])
    TrainingExample.objects.filter(comment__author=reader).delete()
    for comment in shown.values():
        announce_change(comment)


def _forget_logins(reader, logins: set[str]) -> None:
    """Drop what names the account as it was: its audit entries' label and the lockout's
    records of its log-ins (django-axes keeps the address typed)."""
    ModelLogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(reader), object_id=str(reader.pk)
    ).update(label=DELETED_NAME)
    for model in (AccessAttempt, AccessFailureLog, AccessLog):
        model.objects.filter(username__in=logins).delete()

"""The back office's "mot de passe oublié": for the newsroom's accounts, within the site's limits.

Wagtail's own page would mail any account, readers included, as often as it is asked. This
one counts each request against the same limits as the site's reset
(`/compte/mot-de-passe/`), for the address it comes from and for the e-mail it names, and
mails only accounts that may enter the back office; it answers alike for any address.
"""

from wagtail.admin.forms.auth import PasswordResetForm
from wagtail.admin.views.account import PasswordResetView

from .views import ResetLimitsMixin


class BackOfficePasswordResetForm(PasswordResetForm):
    def get_users(self, email: str):
        """The accounts of that address that may enter the back office."""
        return (user for user in super().get_users(email) if user.enters_back_office())


class BackOfficePasswordResetView(ResetLimitsMixin, PasswordResetView):
    reset_kind = "back_office"

    def get_form_class(self):
        return BackOfficePasswordResetForm

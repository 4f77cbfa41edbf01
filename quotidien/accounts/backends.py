"""Readers log in with their email address, newsroom staff with their user name."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class EmailOrUsernameBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if username and "@" in username:
            user = (
                get_user_model()
                ._default_manager.filter(email__iexact=username.strip())
                .order_by("pk")
                .first()
            )
            if user is not None:
                username = user.get_username()
        return super().authenticate(request, username=username, password=password, **kwargs)

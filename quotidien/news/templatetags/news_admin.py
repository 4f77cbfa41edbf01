"""Template tags of the back office's templates."""

from django import template
from django.apps import apps

from ..page_types import may_create

register = template.Library()


@register.simple_tag
def creatable_page_types(page_types, *, user):
    """Wagtail's page type choices `(name, app_label, model_name, description)` that
    `user` may create."""
    return [
        choice for choice in page_types if may_create(user, apps.get_model(choice[1], choice[2]))
    ]

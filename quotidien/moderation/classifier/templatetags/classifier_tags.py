from django import template

from ..report import figure, percent

register = template.Library()

register.filter("percent", percent)
register.filter("figure", figure)

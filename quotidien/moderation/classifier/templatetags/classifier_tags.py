"""Figures of the classifier's evaluations as moderators read them: "9,3 % (6,3 % – 13,3 %)"."""

from django import template

from ..report import figure, percent

register = template.Library()

register.filter("percent", percent)
register.filter("figure", figure)

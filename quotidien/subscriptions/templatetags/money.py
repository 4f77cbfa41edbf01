"""`{{ payment|amount }}` and `{{ price|price }}`: what has an `amount` and a `currency`
(a price, a payment, a subscription), written as `quotidien.subscriptions.money` does."""

from django import template

from .. import money

register = template.Library()


@register.filter
def amount(value) -> str:
    """What was or will be paid: « 10,00 USD »."""
    return money.format_amount(value.amount, value.currency)


@register.filter
def price(value) -> str:
    """What an offer costs: « 10 USD », « 9,90 EUR »."""
    return money.format_price(value.amount, value.currency)

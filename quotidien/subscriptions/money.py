"""Amounts of money as the paper writes them, in two styles and nowhere else.

- `format_amount`, what was or will be paid (receipts, e-mails, the back office): cents
  always, « 10,00 USD », « 9,90 EUR »;
- `format_price`, what an offer costs (the offers, the paywall): cents only when there are
  some, « 10 USD », « 9,90 EUR ».

Both group thousands as French does and keep the number with its currency by a no-break
space; an amount in Lebanese pounds has no cents in practice, « 1 500 000 LBP ».
"""

from decimal import ROUND_HALF_UP, Decimal

from django.utils import formats

from .models import Currency

WHOLE_CURRENCIES = frozenset({Currency.LBP})


def _formatted(amount: Decimal, currency: str, places: int) -> str:
    # Rounded as a cashier would: number_format() would cut the digits past `places`.
    rounded = Decimal(amount).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
    number = formats.number_format(rounded, places, use_l10n=True, force_grouping=True)
    return f"{number}\u00a0{currency}"


def format_amount(amount: Decimal, currency: str) -> str:
    """« 10,00 USD », « 1 500 000 LBP »."""
    return _formatted(amount, currency, 0 if currency in WHOLE_CURRENCIES else 2)


def format_price(amount: Decimal, currency: str) -> str:
    """« 10 USD », « 9,90 EUR », « 1 500 000 LBP »."""
    amount = Decimal(amount)
    whole = currency in WHOLE_CURRENCIES or amount == amount.to_integral_value()
    return _formatted(amount, currency, 0 if whole else 2)

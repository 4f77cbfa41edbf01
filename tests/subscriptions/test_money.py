"""Amounts as the paper writes them: what was paid with its cents, what an offer costs
without cents it lacks, the Lebanese pound never with any, rounded as a cashier would."""

from decimal import Decimal

import pytest

from quotidien.subscriptions.money import format_amount, format_price


@pytest.mark.parametrize(
    "amount, currency, paid, price",
    [
        ("10.00", "USD", "10,00\u00a0USD", "10\u00a0USD"),
        ("9.90", "EUR", "9,90\u00a0EUR", "9,90\u00a0EUR"),
        ("1075000.00", "LBP", "1\u00a0075\u00a0000\u00a0LBP", "1\u00a0075\u00a0000\u00a0LBP"),
        # Monthly revenue of annual plans (a twelfth): rounded, not cut.
        ("83333.67", "LBP", "83\u00a0334\u00a0LBP", "83\u00a0334\u00a0LBP"),
        ("9.995", "EUR", "10,00\u00a0EUR", "10,00\u00a0EUR"),
        ("-9.90", "EUR", "-9,90\u00a0EUR", "-9,90\u00a0EUR"),
    ],
)
def test_amounts_and_prices(amount, currency, paid, price):
    assert format_amount(Decimal(amount), currency) == paid
    assert format_price(Decimal(amount), currency) == price

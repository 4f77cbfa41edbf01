"""The rule against personal data: telephone numbers, e-mail addresses, home addresses,
car registrations, identity papers and bank details, which let readers find a person or
use their name."""

from __future__ import annotations

import re

from quotidien.lookalikes import as_latin

from .base import HOLD, Context, Finding, Rule, quote
from .vocabulary import pattern, vocabulary, words

_DATA = vocabulary("personal")
_ARABIC_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
_NUMBER = re.compile(r"(?<![\w+])(?:\+|00)?\s?\d(?:[ .\-/]?\d){6,16}(?!\d)")
_DATE = re.compile(r"\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4}")
_UNITS = pattern(_DATA["units"]).pattern
# What makes a number no telephone number, and no identifier.
_UNIT_AFTER = re.compile(rf"\s*(?:{_UNITS}|{_DATA['count_of']})", re.I)
_AMOUNT_AFTER = re.compile(rf"\s*(?:{_UNITS})", re.I)
_MOBILE_PREFIXES = words(_DATA["mobile_prefixes"])
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_SPELT_EMAIL = pattern(_DATA["spelt_email"])
_LIVES_AT = pattern(_DATA["address"]["lives_at"], re.I)
_ADDRESS_PARTS = tuple(
    (kind, pattern(_DATA["address"][kind])) for kind in ("street", "building", "floor", "number")
)
_PLATE = pattern(_DATA["plate"])
_IDENTITY_PAPER = pattern(_DATA["identity_paper"])
_BANK_ACCOUNT = pattern(_DATA["bank_account"])
_NOT_AN_IDENTIFIER = pattern(_DATA["not_an_identifier"])
_IBAN = pattern(_DATA["iban"])
_IBAN_CUE = pattern(_DATA["iban_cue"])
# Fewer digits after the name of a paper are a rank or a count, not its number.
_MIN_ID_DIGITS = 6


def _phone_numbers(text: str) -> list[str]:
    text = text.translate(_ARABIC_DIGITS)
    found = []
    for match in _NUMBER.finditer(text):
        number = match.group(0).strip()
        digits = re.sub(r"\D", "", number)
        if _DATE.fullmatch(number) or _UNIT_AFTER.match(text, match.end()):
            continue
        international = number.startswith(("+", "00"))
        if international:
            phone = 9 <= len(digits.removeprefix("00")) <= 15
        elif digits.startswith("961"):
            phone = len(digits) in (10, 11)
        elif digits.startswith("0"):
            # Lebanon: 03 123 456, 01/234567; France: 06 12 34 56 78; Syria: 0944 123 456
            phone = len(digits) in (8, 10)
        else:
            # Lebanese mobiles written without the 0: 70 123 456, 81 234 567.
            phone = (
                len(digits) == 8 and digits[:2] in _MOBILE_PREFIXES and not digits.endswith("000")
            )
        if phone:
            found.append(number)
    return found


def _postal_addresses(text: str) -> list[str]:
    found = []
    for match in _LIVES_AT.finditer(text):
        rest = match.group("rest")
        kinds = {kind for kind, part in _ADDRESS_PARTS if part.search(rest)}
        if len(kinds) >= 2 and kinds & {"street", "building"}:
            found.append(match.group(0).strip()[:60])
    return found


def _identifiers(pattern: re.Pattern[str], text: str) -> list[str]:
    """The numbers `pattern` finds after the paper or account it names: at least six
    digits, neither a year, a date nor an amount."""
    found = []
    for match in pattern.finditer(text):
        number = match.group(1)
        if (
            sum(c.isdigit() for c in number) >= _MIN_ID_DIGITS
            and not _NOT_AN_IDENTIFIER.fullmatch(number)
            and not _AMOUNT_AFTER.match(text, match.end())
        ):
            found.append(number)
    return found


def _iban_checks(iban: str) -> bool:
    """Whether the check digits of `iban` are right (ISO 13616: the number, its first four
    characters moved to its end and its letters as 10 to 35, leaves 1 modulo 97)."""
    compact = "".join(iban.split()).upper()
    digits = "".join(str(int(char, 36)) for char in compact[4:] + compact[:4])
    return int(digits) % 97 == 1


def _ibans(text: str) -> list[str]:
    """The IBANs of `text`: right check digits, or a word before them saying what they are."""
    return [
        match.group(1)
        for match in _IBAN.finditer(text)
        if _iban_checks(match.group(1))
        or _IBAN_CUE.search(text, max(0, match.start() - 40), match.start())
    ]


def _papers_and_accounts(text: str) -> tuple[str, list[str]] | None:
    """What a comment gives of an identity paper or a bank account, and the numbers."""
    text = text.translate(_ARABIC_DIGITS)
    papers = _identifiers(_IDENTITY_PAPER, text)
    if papers:
        return "pièce d'identité", papers
    accounts = _identifiers(_BANK_ACCOUNT, text) + _ibans(text)
    if accounts:
        return "coordonnées bancaires", accounts
    return None


class PersonalData(Rule):
    """Hold a comment that gives a phone number, an e-mail, a home address, a car's
    registration, an identity paper's number or bank details."""

    code = "personal-data"

    def check(self, text: str, context: Context) -> Finding | None:
        # An account or a passport number could pass for a telephone number: named first.
        papers = _papers_and_accounts(text)
        if papers:
            what, numbers = papers
            return self.finding(HOLD, f"Données personnelles : {what} ({quote(numbers)})")
        emails = _EMAIL.findall(text) + _SPELT_EMAIL.findall(as_latin(text))
        phones = _phone_numbers(text)
        if not phones and not emails:
            addresses = _postal_addresses(text)
            if addresses:
                return self.finding(
                    HOLD, f"Données personnelles : adresse d'une personne ({quote(addresses)})"
                )
            plate = _PLATE.search(text)
            if plate:
                return self.finding(
                    HOLD,
                    f"Données personnelles : plaque d'immatriculation ({quote([plate.group(1)])})",
                )
        if phones and emails:
            what = "numéro de téléphone et adresse électronique"
        elif phones:
            what = "numéro de téléphone"
        elif emails:
            what = "adresse électronique"
        else:
            return None
        return self.finding(HOLD, f"Données personnelles : {what} ({quote(phones + emails)})")

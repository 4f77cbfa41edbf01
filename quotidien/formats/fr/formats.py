"""French as the paper writes a moment, « 8 décembre 2026 à 9 h 00 », where a date and
time are shown without a format of their own (Wagtail's schedule panel among them): as
`quotidien.french.dates.french_datetime` writes it. Django's other French formats stay."""

DATETIME_FORMAT = r"j F Y \à G \h i"

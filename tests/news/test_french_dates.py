"""Days as French writes them: the first of a month is « 1er », in every list and page."""

from datetime import UTC, date, datetime

from quotidien.french.dates import french_date, french_day_month


def test_the_first_of_a_month_is_1er_with_or_without_the_year(settings):
    settings.TIME_ZONE = "Asia/Beirut"

    assert french_date(date(2026, 11, 1)) == "1er novembre 2026"
    assert french_day_month(date(2026, 11, 1)) == "1er novembre"
    assert french_day_month(date(2026, 10, 26)) == "26 octobre"
    # 22 h 30 in UTC on 31 October is already 1 November in Beirut.
    assert french_date(datetime(2026, 10, 31, 22, 30, tzinfo=UTC)) == "1er novembre 2026"
    assert french_date(None) == french_day_month(None) == ""


def test_the_back_office_s_detail_pages_write_the_first_of_a_month_alike():
    from quotidien.admin_display import day

    assert day(date(2027, 1, 1)) == "1er janvier 2027"
    assert day(None) == "—"

"""A reader or an editor of a running site, as their browser would be: the forms' tokens
read from the page, the `Referer` Django's CSRF check wants over https too.

For the cluster's test and bench (`requests` comes with the test tools).
"""

import re

import requests

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class LoginRefused(Exception):
    pass


def form_token(session: requests.Session, url: str) -> str:
    """The CSRF token of the form at `url`."""
    return TOKEN.search(session.get(url, timeout=30).text)[1]


def post_form(session: requests.Session, url: str, token: str, **data) -> requests.Response:
    """Send the form at `url` as its page would; the redirect's answer, not where it leads."""
    return session.post(
        url,
        data={"csrfmiddlewaretoken": token, **data},
        headers={"Referer": url},
        allow_redirects=False,
        timeout=30,
    )


def logged_in(base: str, login_path: str, username: str, password: str) -> requests.Session:
    """A session logged in through the login form at `login_path` (site or back office)."""
    session = requests.Session()
    url = base + login_path
    answer = post_form(session, url, form_token(session, url), username=username, password=password)
    if "sessionid" not in session.cookies:
        raise LoginRefused(f"Connexion de {username} refusée sur {base} ({answer.status_code}).")
    return session


def bulk_publish_url(base: str, page_id: int) -> str:
    """Wagtail's confirmation of publishing a page's latest revision (its bulk action)."""
    return f"{base}/admin/bulk/wagtailcore/page/publish/?id={page_id}&next=/admin/"

"""The paper's public address (SITE_URL) in the API's tests: every URL an answer gives is on
it, whatever host the request named (tests/api/conftest.py sets it)."""

SITE_URL = "https://lequotidien.example"

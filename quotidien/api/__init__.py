"""The public JSON API (django-ninja) with its OpenAPI schema."""

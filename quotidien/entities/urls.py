"""Entities' pages: /sujets/<slug>/ and their feeds /sujets/<slug>/rss/ (/sujet/, singular,
is a tag's page)."""

from django.urls import path

from . import views

urlpatterns = [
    path("sujets/<slug:slug>/", views.entity, name="entity"),
    path("sujets/<slug:slug>/rss/", views.entity_rss, name="entity-rss"),
]

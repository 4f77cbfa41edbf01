"""Comment pages that are not under an article's own address."""

from django.urls import path

from . import views

app_name = "comments"

urlpatterns = [
    path("mes-commentaires/", views.my_comments, name="mine"),
    path("<int:pk>/signaler/", views.report, name="report"),
]

from django.apps import AppConfig


class CommentsConfig(AppConfig):
    name = "quotidien.comments"
    label = "comments"
    verbose_name = "Commentaires"

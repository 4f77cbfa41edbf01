from django.apps import AppConfig


class NewsConfig(AppConfig):
    name = "quotidien.news"
    label = "news"
    verbose_name = "Journal"

from django.apps import AppConfig


class SportsConfig(AppConfig):
    name = "sports"
    verbose_name = "Sports data"

from django.apps import AppConfig


class WorrylistsConfig(AppConfig):
    name = "worrylists"
    verbose_name = "Worry lists"

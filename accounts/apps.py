from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        # startup order: the OpenAPI extension imports the authentication classes, hence the user model.
        from . import schema  # noqa: F401 - registers the OpenAPI auth extension

from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Accounts"

    def ready(self) -> None:
        # startup order: the OpenAPI extension imports the authentication classes, hence the user model.
        from . import receivers, schema  # noqa: F401 - the OpenAPI auth extension, the password-change receiver

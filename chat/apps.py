from django.apps import AppConfig

from accounts.signals import guest_claimed


class ChatConfig(AppConfig):
    name = "chat"
    verbose_name = "Conversations"

    def ready(self) -> None:
        # startup order: services import models, which needs the app registry this method waits for.
        from .services.conversations import on_guest_claimed

        guest_claimed.connect(on_guest_claimed, dispatch_uid="chat.transfer_guest_conversations")

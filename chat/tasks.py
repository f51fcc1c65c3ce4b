"""Celery entry points of the chat app (beat schedule in settings)."""

from celery import shared_task

from chat.services import answers


@shared_task(ignore_result=True)
def answer_orphaned_questions() -> int:
    return answers.answer_orphaned_questions()

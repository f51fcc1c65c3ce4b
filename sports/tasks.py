"""Celery entry points; each calls one idempotent warming service (beat schedule in settings)."""

from celery import shared_task

from sports.services import warming


@shared_task(ignore_result=True)
def warm_tournaments() -> dict:
    return warming.warm_tournaments()


@shared_task(ignore_result=True)
def warm_fixtures() -> dict:
    return warming.warm_fixtures()


@shared_task(ignore_result=True)
def warm_odds() -> dict:
    return warming.warm_odds(hours=48)

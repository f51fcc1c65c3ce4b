"""URLs for the sports benchmark server: a bare `JsonResponse` next to the whole project."""

from django.http import JsonResponse
from django.urls import path

from chatbet_project.urls import urlpatterns as project_urlpatterns


def bare(request):
    return JsonResponse({"ok": True})


urlpatterns = [path("bare", bare), *project_urlpatterns]

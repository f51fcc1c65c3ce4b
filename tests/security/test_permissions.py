"""Deny by default: every REST view declares whom it allows; one that forgets is closed, not open."""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from rest_framework.response import Response
from rest_framework.test import APIRequestFactory
from rest_framework.views import APIView

from chatbet_project.permissions import DenyUndeclared


def _drf_views(patterns=None, prefix: str = ""):
    for pattern in patterns if patterns is not None else get_resolver().url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _drf_views(pattern.url_patterns, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            cls = getattr(pattern.callback, "cls", None)
            if cls is not None and issubclass(cls, APIView):
                yield prefix + str(pattern.pattern), cls


def test_the_default_permission_denies():
    from django.conf import settings

    assert settings.REST_FRAMEWORK["DEFAULT_PERMISSION_CLASSES"] == ["chatbet_project.permissions.DenyUndeclared"]


def test_every_routed_rest_view_declares_its_permissions():
    views = list(_drf_views())
    assert len(views) >= 20  # auth, chat, sports, health, ws status, schema
    undeclared = [route for route, cls in views if DenyUndeclared in cls.permission_classes]
    assert undeclared == []


@pytest.mark.django_db
def test_a_view_that_forgets_to_declare_is_closed_to_everyone():
    class Forgotten(APIView):
        def get(self, request):
            return Response({"secret": True})

    response = Forgotten.as_view()(APIRequestFactory().get("/forgotten"))
    assert response.status_code in (401, 403) and "secret" not in response.data

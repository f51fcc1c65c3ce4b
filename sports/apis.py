"""Read-only sports API: query serializer → one service → output serializer. Paginated lists."""

from __future__ import annotations

from django.conf import settings
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers as drf_serializers
from rest_framework.permissions import AllowAny, IsAdminUser
from rest_framework.response import Response
from rest_framework.views import APIView

from chatbet_project.pagination import BoundedLimitOffsetPagination
from sports import cache as sports_cache
from sports import serializers as s
from sports.providers import get_provider
from sports.services.catalogue import list_sports, list_tournaments, search_catalogue
from sports.services.fixtures import find_fixtures, get_fixture
from sports.services.odds import get_odds

TAG = ["sports"]
_error = drf_serializers.DictField(help_text='{"error_code", "message", "request_id"}')
ERRORS = {
    400: OpenApiResponse(description="a bad parameter; the message names it"),
    503: OpenApiResponse(description="the upstream is down and nothing is cached"),
}


def paginated(serializer_class: type[drf_serializers.Serializer]) -> type[drf_serializers.Serializer]:
    """The LimitOffset envelope around `serializer_class`, named for the OpenAPI schema."""
    return type(f"Paginated{serializer_class.__name__.removesuffix('Serializer')}List", (drf_serializers.Serializer,), {
        "count": drf_serializers.IntegerField(),
        "next": drf_serializers.URLField(allow_null=True),
        "previous": drf_serializers.URLField(allow_null=True),
        "results": serializer_class(many=True),
    })


PAGINATION_PARAMS = [
    OpenApiParameter("limit", int, description=f"page size (default {settings.REST_FRAMEWORK['PAGE_SIZE']})"),
    OpenApiParameter("offset", int, description="items to skip"),
]


class _ListApi(APIView):
    permission_classes = [AllowAny]

    def paginate(self, request, items: list, serializer_class) -> Response:
        paginator = BoundedLimitOffsetPagination()
        page = paginator.paginate_queryset(items, request, view=self)
        return paginator.get_paginated_response(serializer_class(page, many=True).data)


class SportListApi(_ListApi):
    @extend_schema(tags=TAG, operation_id="sports_list",
                   summary="Sports", parameters=PAGINATION_PARAMS,
                   responses={200: paginated(s.SportSerializer), 503: ERRORS[503]})
    def get(self, request):
        return self.paginate(request, list_sports(), s.SportSerializer)


class TournamentListApi(_ListApi):
    @extend_schema(tags=TAG, operation_id="sports_tournaments_list",
                   summary="Tournaments, filtered by sport, country and activity",
                   parameters=[s.TournamentQuerySerializer, *PAGINATION_PARAMS],
                   responses={200: paginated(s.TournamentSerializer), **ERRORS})
    def get(self, request):
        params = s.TournamentQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        return self.paginate(request, list_tournaments(**params.to_service_kwargs()), s.TournamentSerializer)


class FixtureListApi(_ListApi):
    @extend_schema(tags=TAG, operation_id="sports_fixtures_list",
                   summary="Fixtures by date, team, tournament, live",
                   parameters=[s.FixtureQuerySerializer, *PAGINATION_PARAMS],
                   responses={200: paginated(s.FixtureSerializer), **ERRORS})
    def get(self, request):
        params = s.FixtureQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        return self.paginate(request, find_fixtures(**params.to_service_kwargs()), s.FixtureSerializer)


class FixtureDetailApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(tags=TAG, operation_id="sports_fixture_retrieve",
                   summary="One fixture",
                   responses={200: s.FixtureSerializer, 404: OpenApiResponse(description="unknown fixture"),
                              503: ERRORS[503]})
    def get(self, request, fixture_id: str):
        return Response(s.FixtureSerializer(get_fixture(fixture_id=fixture_id)).data)


class OddsApi(APIView):
    permission_classes = [AllowAny]

    @extend_schema(tags=TAG, operation_id="sports_odds_retrieve",
                   summary="Odds of a fixture (all markets or one), with freshness",
                   parameters=[s.OddsQuerySerializer],
                   responses={200: s.OddsResponseSerializer, 404: OpenApiResponse(description="unknown fixture"),
                              **ERRORS})
    def get(self, request):
        params = s.OddsQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        board = get_odds(fixture_id=params.validated_data["match_id"], market=params.validated_data.get("market"))
        data = s.OddsBoardSerializer(board).data
        data["fixture"] = s.FixtureSerializer(get_fixture(fixture_id=board.fixture_id)).data
        return Response(data)


class SearchApi(_ListApi):
    @extend_schema(tags=TAG, operation_id="sports_search",
                   summary="Fuzzy search over teams and tournaments ('man utd', 'barça', 'real')",
                   parameters=[s.SearchQuerySerializer, *PAGINATION_PARAMS],
                   responses={200: paginated(s.SearchResultSerializer), **ERRORS})
    def get(self, request):
        params = s.SearchQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        results = search_catalogue(query=params.validated_data["q"], limit=params.validated_data["limit"])
        return self.paginate(request, results, s.SearchResultSerializer)


class CacheStatsApi(APIView):
    permission_classes = [IsAdminUser]

    @extend_schema(tags=TAG, operation_id="sports_cache_stats",
                   summary="Cache hits, misses, stale serves and upstream calls (staff only)",
                   responses={200: s.CacheStatsSerializer, 401: OpenApiResponse(description="not signed in"),
                              403: OpenApiResponse(description="not staff")})
    def get(self, request):
        return Response({"provider": get_provider().name, "kinds": sports_cache.stats(),
                         "ttl": dict(settings.SPORTS_TTL)})

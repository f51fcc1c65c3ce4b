"""REST endpoints under /api/v1/bets/: validate, call one keyword-only service or selector, serialize out.

Real bets need a registered user with a linked ChatBet account; guests and anonymous callers can only
simulate (in the chat), so every endpoint here answers them 403.
"""

from __future__ import annotations

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView

from accounts.apis import IsRegisteredUser
from accounts.selectors import get_betting_link
from accounts.serializers import ErrorBodySerializer
from chatbet_project.errors import error_body

from . import selectors
from .errors import BettingRefusal, PriceMoved
from .serializers import ProposeSlipSerializer, SlipActionSerializer, SlipListQuerySerializer, SlipSerializer
from .services import slips

TAG = ["bets"]


def _err(description: str) -> OpenApiResponse:
    return OpenApiResponse(ErrorBodySerializer, description=description)


# Every endpoint: bad input, no or bad token, and guests (authenticated, but not users).
COMMON = {400: _err("Invalid input"), 401: _err("No or invalid token"),
          403: _err("Guests, anonymous callers, self-excluded or unlinked accounts")}
# Endpoints that reach the sports data or the bookmaker.
UPSTREAM = {404: _err("No such slip of yours, or no such match"),
            409: _err("Refused: not waiting any more, price moved (details.new_slip), balance, daily limit, "
                      "other currency, a line not on offer, odds suspended, rejected by the bookmaker; for a "
                      "confirm or cancel, "
                      "details.slip is the slip as it now stands"),
            502: _err("Outcome unknown: the bet may stand; it is reconciled, never re-sent (details.slip)"),
            503: _err("The sports provider is unavailable")}


def _refused(refusal: BettingRefusal, *, user_id: int | None = None, slip_id=None) -> Response:
    """The refusal as the one error shape; for a move of an existing slip, `details.slip` says where that slip
    stands now (the web chat's slip card follows it), and a price move adds the fresh offer (`details.new_slip`)."""
    details = {}
    current = selectors.get_slip(user_id=user_id, slip_id=slip_id) if slip_id is not None else None
    if current is not None:
        details["slip"] = SlipSerializer(current).data
    if isinstance(refusal, PriceMoved) and refusal.new_slip is not None:
        details["new_slip"] = SlipSerializer(refusal.new_slip).data
    return Response(error_body(refusal.code, str(refusal), details or None), status=refusal.status)


def _language(request, data: dict) -> str:
    if data.get("language"):
        return data["language"]
    link = get_betting_link(user_id=request.user.pk)
    return (link.language if link else "") or "en"


class SlipsApi(APIView):
    permission_classes = [IsRegisteredUser]

    @extend_schema(tags=TAG, operation_id="bets_slips_list", parameters=[SlipListQuerySerializer],
                   responses={200: SlipSerializer(many=True), **COMMON})
    def get(self, request):
        query = SlipListQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        rows = selectors.list_slips(user_id=request.user.pk, state=query.validated_data.get("state"),
                                    limit=query.validated_data["limit"])
        return Response(SlipSerializer(rows, many=True).data)

    @extend_schema(tags=TAG, operation_id="bets_slips_propose", request=ProposeSlipSerializer,
                   responses={201: SlipSerializer, **COMMON, **UPSTREAM},
                   description="Propose a slip at the current price: a single bet, or an accumulator (`legs`, one "
                               "per match) at the bookmaker's combined odds. Nothing is placed until it is confirmed.")
    def post(self, request):
        data = ProposeSlipSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        values = data.validated_data
        try:
            slip = slips.propose_slip_for(user_id=request.user.pk, fixture_id=values.get("fixture_id"),
                                          market=values.get("market"), selection=values.get("selection"),
                                          legs=values.get("legs"), stake=values["stake"],
                                          currency=values.get("currency") or None, line=values.get("line"),
                                          language=values.get("language"),
                                          proposed_by="api")
        except BettingRefusal as refusal:
            return _refused(refusal)
        return Response(SlipSerializer(slip).data, status=status.HTTP_201_CREATED)


class SlipConfirmApi(APIView):
    permission_classes = [IsRegisteredUser]

    @extend_schema(tags=TAG, operation_id="bets_slips_confirm", request=SlipActionSerializer,
                   responses={200: SlipSerializer, **COMMON, **UPSTREAM},
                   description="Confirm one proposed slip: it is placed at most once, at the shown odds or better.")
    def post(self, request, slip_id):
        data = SlipActionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        language = _language(request, data.validated_data)
        link = get_betting_link(user_id=request.user.pk)
        if link is None:
            return _refused(BettingRefusal("real_bets_need_account", language))
        try:
            placed = slips.confirm_slip(user_id=request.user.pk, slip_id=slip_id, link=link, language=language,
                                        confirmation={"channel": "api", "explicit": True})
        except BettingRefusal as refusal:
            return _refused(refusal, user_id=request.user.pk, slip_id=slip_id)
        return Response(SlipSerializer(placed.slip).data)


class SlipCancelApi(APIView):
    permission_classes = [IsRegisteredUser]

    @extend_schema(tags=TAG, operation_id="bets_slips_cancel", request=SlipActionSerializer,
                   responses={200: SlipSerializer, **COMMON, 404: _err("No such slip of yours"),
                              409: _err("Already confirmed, expired or cancelled")})
    def post(self, request, slip_id):
        data = SlipActionSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        try:
            slip = slips.cancel_slip(user_id=request.user.pk, slip_id=slip_id,
                                     language=_language(request, data.validated_data))
        except BettingRefusal as refusal:
            return _refused(refusal, user_id=request.user.pk, slip_id=slip_id)
        return Response(SlipSerializer(slip).data)


class MyBetsApi(APIView):
    permission_classes = [IsRegisteredUser]

    @extend_schema(tags=TAG, operation_id="bets_list",
                   parameters=[OpenApiParameter("limit", int, required=False)],
                   responses={200: SlipSerializer(many=True), **COMMON},
                   description="My bets that reached the bookmaker (placed, or being reconciled), newest first.")
    def get(self, request):
        query = SlipListQuerySerializer(data={"limit": request.query_params.get("limit", 50)})
        query.is_valid(raise_exception=True)
        return Response(SlipSerializer(selectors.list_bets(user_id=request.user.pk,
                                                           limit=query.validated_data["limit"]), many=True).data)

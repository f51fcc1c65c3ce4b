"""REST endpoints under /api/v1/auth/: validate with a serializer, call one service, serialize out."""

from __future__ import annotations

from drf_spectacular.utils import OpenApiExample, OpenApiResponse, extend_schema
from rest_framework import permissions, status
from rest_framework.exceptions import Throttled
from rest_framework.response import Response
from rest_framework.views import APIView

from . import services
from .identity import identity_from_request
from .serializers import (
    AuthResultSerializer,
    BalanceSerializer,
    ClaimGuestResultSerializer,
    ClaimGuestSerializer,
    ConfirmEmailSerializer,
    ErrorBodySerializer,
    GuestTokenSerializer,
    LoginSerializer,
    MeSerializer,
    MeUpdateSerializer,
    RefreshSerializer,
    RegisterSerializer,
    TokenPairSerializer,
    access_lifetime_seconds,
)
from .throttles import AnonThrottle, GuestMintThrottle, LoginThrottle, UserThrottle

TAG = ["auth"]
ERROR = ErrorBodySerializer


def _err(description: str) -> OpenApiResponse:
    return OpenApiResponse(ERROR, description=description)


class IsRegisteredUser(permissions.BasePermission):
    """A logged-in user. Guests authenticate (so they get 403, not 401) but are not users."""

    message = "This needs a registered account: guests can chat but have no balance and cannot place bets."
    code = "guest_not_allowed"

    def has_permission(self, request, view) -> bool:
        return bool(request.user and request.user.is_authenticated)


def _auth_payload(*, user, access: str, refresh: str, chatbet_linked: bool, warnings: list[str]) -> dict:
    return AuthResultSerializer({
        "access": access, "refresh": refresh, "token": access, "token_type": "Bearer",
        "expires_in": access_lifetime_seconds(), "chatbet_linked": chatbet_linked, "warnings": warnings,
        "user": user,
    }).data


class RegisterApi(APIView):
    authentication_classes: list = []  # a stale Authorization header must not block registering
    permission_classes = [permissions.AllowAny]

    @extend_schema(tags=TAG, operation_id="auth_register", request=RegisterSerializer,
                   responses={201: AuthResultSerializer, 400: _err("Invalid field (named in the message)")},
                   description="Creates the account and logs in. `email` is kept as the account's address "
                               "with `email_confirmed: false` until the code mailed to it is sent to "
                               "`POST /api/v1/auth/confirm-email`. Whether it already belongs to an account is "
                               "not said here, nor later by `GET /me`: that address's owner is told by email (no "
                               "code), and a taken address is never attached to the new account.")
    def post(self, request):
        data = RegisterSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.user_create(**data.validated_data)
        access, refresh = services.issue_tokens(user=user)
        # The same answer whether or not the address was free: it is pending either way.
        payload = _auth_payload(user=user, access=access, refresh=refresh, chatbet_linked=False, warnings=[])
        return Response(payload, status=status.HTTP_201_CREATED)


class LoginApi(APIView):
    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]
    throttle_classes = [LoginThrottle, AnonThrottle]

    def throttled(self, request, wait):
        # DRF appends "Expected available in N seconds." itself.
        raise Throttled(wait, detail="Too many login attempts for this account or from your address.",
                        code="login_locked")

    @extend_schema(
        tags=TAG, operation_id="auth_login", request=LoginSerializer,
        responses={200: AuthResultSerializer, 400: _err("Missing field or invalid userKey"),
                   401: _err("Invalid username/email or password"),
                   429: _err("Too many attempts for this login or address, or too many sign-ins being checked "
                             "right now (error_code login_busy); Retry-After says when to retry")},
        examples=[OpenApiExample("username", value={"username": "ana", "password": "s3cret-pass"},
                                 request_only=True),
                  OpenApiExample("email + ChatBet key", request_only=True,
                                 value={"username": "ana@example.com", "password": "s3cret-pass", "userKey": "K"})],
    )
    def post(self, request):
        data = LoginSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        result = services.login(**data.validated_data)
        return Response(_auth_payload(user=result.user, access=result.access, refresh=result.refresh,
                                      chatbet_linked=result.chatbet_linked, warnings=result.warnings))


class RefreshApi(APIView):
    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]

    @extend_schema(tags=TAG, operation_id="auth_refresh", request=RefreshSerializer,
                   responses={200: TokenPairSerializer, 400: _err("refresh missing or not a string"),
                              401: _err("Refresh token invalid, expired or already used")})
    def post(self, request):
        data = RefreshSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        tokens = services.tokens_refresh(refresh=data.validated_data["refresh"])
        return Response(TokenPairSerializer({"access": tokens["access"],
                                             "refresh": tokens.get("refresh", data.validated_data["refresh"]),
                                             "token_type": "Bearer",
                                             "expires_in": access_lifetime_seconds()}).data)


def _bearer_access_payload(request) -> dict | None:
    """The claims of a valid user access token in the Authorization header, if the client sent one."""
    from rest_framework_simplejwt.exceptions import TokenError
    from rest_framework_simplejwt.tokens import AccessToken

    header = request.headers.get("Authorization", "")
    scheme, _, raw = header.partition(" ")
    if scheme.lower() != "bearer" or not raw.strip():
        return None
    try:
        return dict(AccessToken(raw.strip()).payload)
    except TokenError:
        return None


class LogoutApi(APIView):
    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]

    @extend_schema(tags=TAG, operation_id="auth_logout", request=RefreshSerializer,
                   description="Ends the session: the refresh token, every token refreshed from the same login, "
                               "and the access token in the Authorization header (if sent) stop working.",
                   responses={204: OpenApiResponse(description="Session revoked"),
                              400: _err("refresh missing or not a string"),
                              401: _err("Refresh token invalid or already blacklisted")})
    def post(self, request):
        data = RefreshSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.logout(refresh=data.validated_data["refresh"], access_payload=_bearer_access_payload(request))
        return Response(status=status.HTTP_204_NO_CONTENT)


class MeApi(APIView):
    permission_classes = [IsRegisteredUser]

    @extend_schema(tags=TAG, operation_id="auth_me", responses={200: MeSerializer, 401: _err("Not logged in"),
                                                                 403: _err("Guest token")})
    def get(self, request):
        services.profile_get_or_create(user=request.user)
        return Response(MeSerializer(request.user).data)

    @extend_schema(tags=TAG, operation_id="auth_me_update", request=MeUpdateSerializer,
                   description="A new `email` waits unconfirmed, as at registration, whether or not another account "
                               "has it (never an error saying so): the address gets a confirmation code, or its "
                               "owner a notice. `\"\"` removes the account's addresses.",
                   responses={200: MeSerializer, 400: _err("Invalid field (named in the message)"),
                              401: _err("Not logged in"), 403: _err("Guest token"),
                              503: _err("ChatBet unavailable while validating user_key")})
    def patch(self, request):
        data = MeUpdateSerializer(data=request.data, partial=True)
        data.is_valid(raise_exception=True)
        services.profile_update(user=request.user, data=data.validated_data)
        request.user.refresh_from_db()
        return Response(MeSerializer(request.user).data)


class ConfirmEmailApi(APIView):
    authentication_classes: list = []  # the code is the credential: it may be opened on another device
    permission_classes = [permissions.AllowAny]
    throttle_classes = [AnonThrottle]

    @extend_schema(tags=TAG, operation_id="auth_confirm_email", request=ConfirmEmailSerializer,
                   responses={200: MeSerializer, 400: _err("Code invalid, expired or already used"),
                              409: _err("The address was confirmed by another account meanwhile (error_code "
                                        "email_taken: only the mailbox's reader holds a code)")},
                   description="Attach the address a confirmation code was mailed to (registration or PATCH /me).")
    def post(self, request):
        data = ConfirmEmailSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.confirm_email(token=data.validated_data["token"])
        return Response(MeSerializer(user).data)


class GenerateTokenApi(APIView):
    """Existing clients POST an empty body (with or without Content-Type); nothing in it is read."""

    authentication_classes: list = []
    permission_classes = [permissions.AllowAny]
    parser_classes: list = []  # the body is ignored, whatever its content type
    throttle_classes = [GuestMintThrottle, AnonThrottle]  # each token is a chat identity: minted sparingly

    @extend_schema(tags=TAG, operation_id="auth_generate_token", request=None,
                   responses={200: GuestTokenSerializer,
                              429: _err("Too many guest tokens or requests from this address (THROTTLE_GUEST)")},
                   description="A short-lived guest JWT (claim `guest`). Guests can chat; they have no balance "
                               "and cannot place bets. Body: `{}` or empty.")
    def post(self, request):
        return Response(GuestTokenSerializer({"token": services.issue_guest_token()}).data)


class ClaimGuestApi(APIView):
    permission_classes = [IsRegisteredUser]

    @extend_schema(tags=TAG, operation_id="auth_claim_guest", request=ClaimGuestSerializer,
                   responses={200: ClaimGuestResultSerializer, 400: _err("guest_token invalid or expired"),
                              401: _err("Not logged in"), 403: _err("Guest token used as the user")})
    def post(self, request):
        data = ClaimGuestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        moved = services.claim_guest(user=request.user, guest_id=data.validated_data["guest_token"])
        return Response(ClaimGuestResultSerializer({"claimed_conversations": moved}).data)


class BalanceApi(APIView):
    permission_classes = [permissions.AllowAny]  # the service says why not: 401 / 403 guest / 409 unlinked
    throttle_classes = [AnonThrottle, UserThrottle]

    @extend_schema(tags=TAG, operation_id="auth_balance",
                   responses={200: BalanceSerializer, 401: _err("Not logged in"),
                              403: _err("Guests have no balance"),
                              409: _err("No ChatBet account linked (error_code no_chatbet_account)"),
                              503: _err("ChatBet unavailable")})
    def get(self, request):
        balance = services.get_balance(identity=identity_from_request(request))
        return Response(BalanceSerializer(balance).data)

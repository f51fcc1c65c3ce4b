"""OpenAPI description of our JWT authentication (registered when the app is ready)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ChatBetJWTScheme(OpenApiAuthenticationExtension):
    target_class = "accounts.authentication.ChatBetJWTAuthentication"
    name = "jwtAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "bearerFormat": "JWT",
            "description": "A user access token from /api/v1/auth/login or /register, or a guest token from "
                           "/api/v1/auth/generate_token (guests can chat; no balance, no bets).",
        }

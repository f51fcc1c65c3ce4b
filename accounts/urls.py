from django.urls import path

from . import apis

urlpatterns = [
    path("register", apis.RegisterApi.as_view(), name="auth-register"),
    path("login", apis.LoginApi.as_view(), name="auth-login"),
    path("refresh", apis.RefreshApi.as_view(), name="auth-refresh"),
    path("logout", apis.LogoutApi.as_view(), name="auth-logout"),
    path("me", apis.MeApi.as_view(), name="auth-me"),
    path("confirm-email", apis.ConfirmEmailApi.as_view(), name="auth-confirm-email"),
    path("generate_token", apis.GenerateTokenApi.as_view(), name="auth-generate-token"),
    path("claim-guest", apis.ClaimGuestApi.as_view(), name="auth-claim-guest"),
    path("balance", apis.BalanceApi.as_view(), name="auth-balance"),
]

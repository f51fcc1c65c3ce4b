"""Mounted at /api/v1/: `bets` (my placed bets) and `bets/slips...` (proposal, confirmation, cancellation)."""

from django.urls import path

from . import apis

urlpatterns = [
    path("bets", apis.MyBetsApi.as_view(), name="bets-mine"),
    path("bets/slips", apis.SlipsApi.as_view(), name="bets-slips"),
    path("bets/slips/<uuid:slip_id>/confirm", apis.SlipConfirmApi.as_view(), name="bets-slip-confirm"),
    path("bets/slips/<uuid:slip_id>/cancel", apis.SlipCancelApi.as_view(), name="bets-slip-cancel"),
]

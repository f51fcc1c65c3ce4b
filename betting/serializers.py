"""What the betting REST API reads and writes."""

from __future__ import annotations

import json
from decimal import Decimal

from django.core.serializers.json import DjangoJSONEncoder
from rest_framework import serializers

from accounts.models import Profile
from sports.domain import MARKET_KEYS
from sports.services.betting import MAX_STAKE

from .labels import describe_slip
from .models import BetSlip

SELECTIONS = ["home", "draw", "away", "home_or_draw", "away_or_draw", "home_or_away", "over", "under", "yes", "no"]
LANGUAGES = Profile.Language.choices  # the same choice set as the profile's (one enum in the schema)


class SlipSerializer(serializers.ModelSerializer):
    """A slip exactly as the user is (or was) charged for it, and where it stands (`message`: that, as one
    sentence in the slip's language; the web chat's slip card shows it)."""

    message = serializers.SerializerMethodField()

    class Meta:
        model = BetSlip
        fields = ["id", "state", "fixture_id", "fixture_label", "start_time", "market", "selection", "line", "label",
                  "odds", "stake", "currency", "possible_win", "legs", "language", "proposed_by", "upstream_bet_id",
                  "reason_code", "reason", "created_at", "expires_at", "confirmed_at", "decided_at", "message"]
        read_only_fields = fields

    def get_message(self, slip: BetSlip) -> str:
        return describe_slip(slip)


def slip_payload(slip: BetSlip) -> dict:
    """The slip as plain JSON data, the same shape as `GET /api/v1/bets/slips` (chat answers carry it)."""
    return json.loads(json.dumps(SlipSerializer(slip).data, cls=DjangoJSONEncoder))


class ProposeSlipSerializer(serializers.Serializer):
    fixture_id = serializers.CharField(max_length=64)
    market = serializers.ChoiceField(choices=MARKET_KEYS)
    selection = serializers.ChoiceField(choices=SELECTIONS)
    stake = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=Decimal("0.01"), max_value=MAX_STAKE)
    line = serializers.FloatField(required=False, allow_null=True, min_value=-50, max_value=500,
                                  help_text="The over/under or handicap line asked for; refused (409 line_not_offered) "
                                            "when the line on offer is another.")
    currency = serializers.CharField(max_length=3, required=False, allow_blank=True,
                                     help_text="Refused (with a question) unless it is the account's currency.")
    language = serializers.ChoiceField(choices=LANGUAGES, required=False,
                                       help_text="Language of refusals; the profile's language by default.")


class SlipActionSerializer(serializers.Serializer):
    language = serializers.ChoiceField(choices=LANGUAGES, required=False)


class SlipListQuerySerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=BetSlip.State.values, required=False)
    limit = serializers.IntegerField(min_value=1, max_value=200, required=False, default=50)

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
from .models import BetSlip, BetSlipLeg

SELECTIONS = ["home", "draw", "away", "home_or_draw", "away_or_draw", "home_or_away", "over", "under", "yes", "no"]
LANGUAGES = Profile.Language.choices  # the same choice set as the profile's (one enum in the schema)


MAX_LEGS = 10


class SlipLegSerializer(serializers.ModelSerializer):
    """One selection of a slip (a single has one, an accumulator two or more, one per match)."""

    class Meta:
        model = BetSlipLeg
        fields = ["position", "fixture_id", "fixture_label", "start_time", "market", "selection", "line", "label",
                  "odds"]
        read_only_fields = fields


class SlipSerializer(serializers.ModelSerializer):
    """A slip exactly as the user is (or was) charged for it, and where it stands. For an accumulator, `market` is
    "combo", `odds` the combined odds and `legs` the selections; the slip's own fixture fields join the legs'.
    `message`: where it stands as one sentence in the slip's language (the web chat's slip card shows it)."""

    legs = SlipLegSerializer(many=True, read_only=True)
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


class LegInputSerializer(serializers.Serializer):
    fixture_id = serializers.CharField(max_length=64)
    market = serializers.ChoiceField(choices=MARKET_KEYS)
    selection = serializers.ChoiceField(choices=SELECTIONS)
    line = serializers.FloatField(required=False, allow_null=True, min_value=-50, max_value=500,
                                  help_text="This leg's over/under or handicap line; refused (409 line_not_offered) "
                                            "when the line on offer is another, and (400 line_not_applicable) on a "
                                            "market without lines.")


class ProposeSlipSerializer(serializers.Serializer):
    """A single bet (`fixture_id`, `market`, `selection`) or an accumulator (`legs`, one per match), not both."""

    fixture_id = serializers.CharField(max_length=64, required=False)
    market = serializers.ChoiceField(choices=MARKET_KEYS, required=False)
    selection = serializers.ChoiceField(choices=SELECTIONS, required=False)
    legs = LegInputSerializer(many=True, required=False, min_length=1, max_length=MAX_LEGS,
                              help_text="An accumulator: its odds are the bookmaker's combined odds for these legs.")
    stake = serializers.DecimalField(max_digits=12, decimal_places=2, min_value=Decimal("0.01"), max_value=MAX_STAKE)
    line = serializers.FloatField(required=False, allow_null=True, min_value=-50, max_value=500,
                                  help_text="The over/under or handicap line asked for; refused (409 line_not_offered) "
                                            "when the line on offer is another, and (400 line_not_applicable) on a "
                                            "market without lines.")
    currency = serializers.CharField(max_length=3, required=False, allow_blank=True,
                                     help_text="Refused (with a question) unless it is the account's currency.")
    language = serializers.ChoiceField(choices=LANGUAGES, required=False,
                                       help_text="Language of refusals; the profile's language by default.")

    def validate(self, attrs: dict) -> dict:
        single = [name for name in ("fixture_id", "market", "selection") if attrs.get(name)]
        if attrs.get("legs") and single:
            raise serializers.ValidationError({"legs": "Give either legs or fixture_id/market/selection, not both."})
        if not attrs.get("legs") and len(single) < 3:
            missing = [name for name in ("fixture_id", "market", "selection") if name not in single]
            raise serializers.ValidationError({name: "This field is required (or give legs)." for name in missing})
        return attrs


class SlipActionSerializer(serializers.Serializer):
    language = serializers.ChoiceField(choices=LANGUAGES, required=False)


class SlipListQuerySerializer(serializers.Serializer):
    state = serializers.ChoiceField(choices=BetSlip.State.values, required=False)
    limit = serializers.IntegerField(min_value=1, max_value=200, required=False, default=50)

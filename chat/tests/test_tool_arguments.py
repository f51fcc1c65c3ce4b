"""Tool arguments are checked against the schema the model is shown (jsonschema), for the offline
engine and for models alike: a refusal is clear and in the user's language, and the tool never runs."""

from __future__ import annotations

import pytest

from chat.engine.tool_registry import TOOLS, run_tool

from .fake_llm_servers import Text, ToolCall, run_turn, turn_context

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(("message", "expected"), [
    ("what if I bet 10 at odds 0.5?", "odds: must be at least 1.01"),
    ("¿y si apuesto 10 a cuota 0.5?", "cuota: debe ser al menos 1.01"),
    ("e se eu apostar 10 na odd 0.5?", "odd: deve ser pelo menos 1.01"),
])
def test_odds_below_the_schemas_minimum_are_refused_in_the_users_language(api_client, message, expected):
    response = api_client.post("/api/v1/chat/message", {"message": message, "session_id": None}, format="json")

    assert response.status_code == 200, response.content
    body = response.json()
    assert expected in body["message"]
    assert "200" not in body["message"]  # never "Implied probability: 200.0%"
    [call] = body["function_calls_made"]
    assert call["name"] == "simulate_bet" and call["result_summary"] == "error: invalid_argument"


@pytest.mark.parametrize(("arguments", "field", "rule_text"), [
    ({"stake": 10, "odds": 0.5}, "odds", "at least 1.01"),
    ({"stake": -5, "odds": 2.0}, "stake", "greater than 0"),
    ({"stake": 10, "odds": 2.0, "selection": "everything"}, "selection", "must be one of"),
    ({"odds": 2.0}, "stake", "required"),
    ({"stake": float("nan"), "odds": 2.0}, "stake", "expected a number"),
    ({"stake": 10, "odds": float("inf")}, "odds", "expected a number"),
    ({"stake": "Infinity", "odds": 2.0}, "stake", "expected a number"),
])
def test_the_same_schema_refuses_what_its_keywords_forbid(arguments, field, rule_text):
    ctx = turn_context(message="simulate")
    result = run_tool("simulate_bet", arguments, ctx=ctx)

    assert result["error"] == "invalid_argument" and result["field"] == field
    assert rule_text in result["message"]


def test_every_declared_schema_is_valid_json_schema():
    from jsonschema import Draft202012Validator

    for tool in TOOLS.values():
        Draft202012Validator.check_schema(tool.parameters)


def test_numbers_written_as_text_and_unknown_keys_are_normalised_not_trusted():
    ctx = turn_context(message="simulate")
    result = run_tool("simulate_bet", {"stake": "10", "odds": "2.50", "user_id": 7, "user_key": "x"}, ctx=ctx)

    assert result["returns"] == 25.0 and result["odds"] == 2.5


async def test_a_models_call_with_arguments_the_schema_refuses_never_runs_the_tool(llm):
    llm.queue(ToolCall([("simulate_bet", {"stake": 10, "odds": 0.5}),
                        ("find_fixtures", {"limit": 500})]),
              Text("Those odds are not valid: decimal odds start at 1.01."))

    chunks, answer = await run_turn(llm.engine(), turn_context(message="what if I bet 10 at odds 0.5?",
                                                               language="en"))

    results = dict(llm.tool_results(1))
    assert results["simulate_bet"] == {"error": "invalid_argument", "field": "odds",
                                       "message": "odds: must be at least 1.01 (got 0.5)."}
    assert results["find_fixtures"]["error"] == "invalid_argument"
    assert "at most 20" in results["find_fixtures"]["message"]
    assert "200" not in "".join(chunks)
    assert answer.engine == llm.provider
    assert [c["result_summary"] for c in answer.tool_calls] == ["error: invalid_argument"] * 2


async def test_a_models_call_with_a_stake_that_is_no_number_never_runs_the_tool(llm):
    """JSON as Python reads it allows NaN and Infinity; every bound compares false with NaN, so the schema alone would
    let a NaN stake through to the simulation."""
    llm.queue(ToolCall([("simulate_bet", {"stake": float("nan"), "odds": 2.0})]),
              Text("I need a real amount to simulate."))

    chunks, answer = await run_turn(llm.engine(), turn_context(message="what if I bet on it?", language="en"))

    result = dict(llm.tool_results(1))["simulate_bet"]
    assert result["error"] == "invalid_argument" and result["field"] == "stake"
    assert "nan" not in "".join(chunks).lower()
    assert [c["result_summary"] for c in answer.tool_calls] == ["error: invalid_argument"]

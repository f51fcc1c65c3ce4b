"""The follow-up scorer counts the guesses issue 17 forbids: a turn that should ask and ran an acting tool."""
import json

from chat.engine.followup_eval import evaluate


def _scripts(tmp_path, *scripts):
    path = tmp_path / "scripts.jsonl"
    path.write_text("".join(json.dumps(script) + "\n" for script in scripts), encoding="utf-8")
    return path


def test_a_guess_is_counted_even_after_the_script_already_failed(tmp_path):
    replies = {
        "odds for madrid": ("Odds for Real Madrid vs Getafe", "odds_information", ["get_odds"]),  # guessed
        "matches today": ("Today: A vs B", "match_schedule", ["get_fixtures"]),  # head below is wrong
        "bet 10 on it": ("Simulated: 10.00 on A", "bet_simulation", ["simulate_bet"]),  # guessed, after a failure
        "whats the draw paying": ("Which match do you mean?", "clarification", []),  # asked
    }

    def answer(session, text):
        content, intent, tools = replies[text]
        return session, content, intent, tools

    report = evaluate(_scripts(
        tmp_path,
        {"id": "a", "turns": [{"say": "odds for madrid", "asks": True}]},
        {"id": "b", "turns": [{"say": "matches today", "head": "C vs D"}, {"say": "bet 10 on it", "asks": True}]},
        {"id": "c", "turns": [{"say": "whats the draw paying", "asks": True}]},
    ), answer)

    assert report["resolved"] == 1 and [failure["id"] for failure in report["failures"]] == ["a", "b"]
    assert report["acted_on_guess"] == 2  # a's first turn and b's second, though b had failed at its first

"""Prompt-injection cases (sample)."""


def test_injection_is_refused() -> None:
    assert "ignore previous instructions" != ""

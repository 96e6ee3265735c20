"""The JSON report's data and its one-line encoding."""

from __future__ import annotations

import json

from launch_gate.report.model import compact_json_bytes


def test_compact_json_reads_back_as_the_same_data() -> None:
    data = {"verdict": "pass", "score": 81, "gaps": [], "min": None, "ok": True, "x": 0.5}
    text = compact_json_bytes(data)
    assert b"\n" not in text
    assert json.loads(text) == data


def test_compact_json_keeps_text_beyond_ascii_as_is() -> None:
    text = compact_json_bytes({"system": "Kundenservice ✅ 客服"})
    assert "✅".encode() in text
    assert json.loads(text) == {"system": "Kundenservice ✅ 客服"}


def test_a_file_name_with_undecodable_bytes_is_escaped_not_an_error() -> None:
    # Python keeps such bytes as lone surrogates, which UTF-8 cannot hold.
    name = b"svc/\xff/readiness.yaml".decode("utf-8", "surrogateescape")
    text = compact_json_bytes({"manifest": name})
    assert b"\\udcff" in text
    assert json.loads(text) == {"manifest": name}

from __future__ import annotations

import io

from launch_gate.action.commands import (
    add_mask,
    command,
    escape_data,
    escape_property,
    redact,
    redact_bytes,
)
from launch_gate.render.annotations import Annotation


def test_data_escapes_percent_first_and_line_breaks() -> None:
    assert escape_data("100%\r\nnext") == "100%25%0D%0Anext"


def test_properties_also_escape_colon_and_comma() -> None:
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_annotation_command_with_all_properties() -> None:
    a = Annotation("error", "bad: x\ny", file="svc/a,b.yaml", line=12, title="eval.x")
    assert command(a) == "::error file=svc/a%2Cb.yaml,line=12,title=eval.x::bad: x%0Ay"


def test_annotation_without_properties() -> None:
    assert command(Annotation("warning", "careful")) == "::warning::careful"


def test_forged_command_in_a_message_stays_inert() -> None:
    line = command(Annotation("error", "x\n::add-mask::nothing", file="f"))
    assert "\n" not in line


def test_mask_each_line_of_a_multiline_secret() -> None:
    out = io.StringIO()
    add_mask(out, "one\ntwo")
    assert out.getvalue() == "::add-mask::one\n::add-mask::two\n"


def test_redact() -> None:
    assert redact("token ghs_x leaked", "ghs_x") == "token *** leaked"
    assert redact("nothing", "") == "nothing"


def test_redact_bytes_hides_every_spelling_redact_hides() -> None:
    secret = "ghs_a_b"
    text = f'plain {secret}, markdown {secret.replace("_", chr(92) + "_")}, ✅ "{secret}"'
    assert redact_bytes(text.encode(), secret) == redact(text, secret).encode()
    assert redact_bytes(b"nothing", "") == b"nothing"

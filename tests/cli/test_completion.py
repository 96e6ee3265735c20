"""Shell completion, written from the parsers: every command and every flag completes."""

from __future__ import annotations

import subprocess

import pytest

from launch_gate.cli import COMMANDS
from launch_gate.cli.completion import commands
from launch_gate.main import main


def complete(script: str, *words: str) -> list[str]:
    line = " ".join(words)
    probe = (f"{script}\nCOMP_WORDS=({line}); COMP_CWORD={len(words) - 1}; _launch_gate; "
             'printf "%s\\n" "${COMPREPLY[@]}"')  # fmt: skip
    done = subprocess.run(["bash", "-c", probe], capture_output=True, text=True, check=True)
    return done.stdout.split()


def test_bash_completes_commands_and_each_commands_flags(
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert main(["completion", "bash"]) == 0
    script = capsys.readouterr().out
    assert set(complete(script, "launch-gate", "")) >= set(COMMANDS)
    assert complete(script, "launch-gate", "check", "--fail") == ["--fail-on"]
    for name, flags in commands().items():
        assert flags, name
        assert set(complete(script, "launch-gate", name, "--")) >= {
            f for f in flags if f.startswith("--")
        }


@pytest.mark.parametrize("shell", ["zsh", "fish"])
def test_zsh_and_fish_scripts_name_every_command(
    shell: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["completion", shell]) == 0
    script = capsys.readouterr().out
    assert all(name in script for name in COMMANDS)
    assert "--evidence-credential" in script or "-l evidence-credential" in script

"""``launch-gate completion bash|zsh|fish``: shell completion, written from the parsers
themselves, so a new command or flag completes without anyone remembering to add it."""

from __future__ import annotations

import argparse
import sys
from typing import Any


def add_parser(sub: Any) -> None:
    p: argparse.ArgumentParser = sub.add_parser(
        "completion",
        help="print a shell completion script",
        description="Print the completion script for a shell. bash: add "
        '`eval "$(launch-gate completion bash)"` to ~/.bashrc; zsh: the same with zsh in '
        "~/.zshrc; fish: `launch-gate completion fish > "
        "~/.config/fish/completions/launch-gate.fish`.",
    )
    p.add_argument("shell", choices=("bash", "zsh", "fish"))
    p.set_defaults(run=run)


def commands() -> dict[str, list[str]]:
    """Each command with its options (long spellings, and short ones), from the parsers."""
    from launch_gate.cli import COMMANDS, build_parser

    parser = build_parser()
    found: dict[str, list[str]] = {}
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name in COMMANDS:
                sub = action.choices[name]
                found[name] = sorted({o for a in sub._actions for o in a.option_strings})
    return found


def _bash(found: dict[str, list[str]]) -> str:
    cases = "\n".join(f'    {name}) words="{" ".join(opts)}" ;;' for name, opts in found.items())
    return f"""# launch-gate completion for bash (and zsh through bashcompinit)
_launch_gate() {{
  local cur="${{COMP_WORDS[COMP_CWORD]}}" words
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=( $(compgen -W "{" ".join(found)} --help --version" -- "$cur") )
    return
  fi
  case "${{COMP_WORDS[1]}}" in
{cases}
    *) words="" ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=( $(compgen -W "$words" -- "$cur") )
  else
    COMPREPLY=( $(compgen -f -- "$cur") )
  fi
}}
complete -o filenames -F _launch_gate launch-gate
"""


def _fish(found: dict[str, list[str]]) -> str:
    lines = ["# launch-gate completion for fish"]
    names = " ".join(found)
    lines.append(f"complete -c launch-gate -n '__fish_use_subcommand' -f -a '{names}'")
    for name, opts in found.items():
        for opt in opts:
            flag = f"-l {opt[2:]}" if opt.startswith("--") else f"-s {opt[1:]}"
            lines.append(f"complete -c launch-gate -n '__fish_seen_subcommand_from {name}' {flag}")
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    found = commands()
    if args.shell == "fish":
        sys.stdout.write(_fish(found))
    elif args.shell == "zsh":
        sys.stdout.write("autoload -U +X bashcompinit && bashcompinit\n" + _bash(found))
    else:
        sys.stdout.write(_bash(found))
    return 0

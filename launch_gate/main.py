"""The one entry point: ``launch-gate`` and ``python -m launch_gate``."""

from __future__ import annotations

import contextlib
import gc
import os
import sys
from collections.abc import Sequence
from typing import NoReturn

from launch_gate.errors import EXIT_INTERNAL, EXIT_READER_LEFT, GateError


def main(argv: Sequence[str] | None = None) -> int:
    # Imported here, not above: `run` sets the collector first, so that these imports (most
    # of a check's start-up) run under it too.
    from launch_gate.cli import build_parser, command_named
    from launch_gate.cli.options import apply_defaults, tell

    given = sys.argv[1:] if argv is None else list(argv)
    parser = build_parser(command_named(given))
    args = parser.parse_args(given)
    try:
        apply_defaults(args)
        code: int = args.run(args)
        return code
    except GateError as exc:
        tell(exc)
        return exc.exit_code
    except KeyboardInterrupt:
        print("launch-gate: interrupted", file=sys.stderr)
        return EXIT_INTERNAL
    except Exception as exc:
        if isinstance(exc, BrokenPipeError) and _output_closed():
            return EXIT_READER_LEFT
        if os.environ.get("LAUNCH_GATE_DEBUG"):
            raise
        print(
            f"launch-gate: internal error ({type(exc).__name__}); this is a bug, please "
            "report it. Set LAUNCH_GATE_DEBUG=1 to see the traceback.",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def run() -> NoReturn:
    """The process (`launch-gate`, `python -m launch_gate`): `main`, then an exit without the
    interpreter's tear-down, as mypy does. Freeing every module one by one took a tenth of
    an offline check (docs/performance.md), and nothing of ours needs it: each file we
    write is closed by then, no exit handler is ours, and the only threads left are daemons
    a deadline gave up on."""
    # A command builds much and frees little (the imports, then what one run judges and
    # reports), so a collection every 700 new objects mostly walks live data again: 6 ms of
    # an offline check's 90, a tenth of each manifest's evaluation in a monorepo's Action
    # (docs/performance.md). mypy collects this rarely too; cycles are still collected.
    # Set here, by the process, before `main` imports the commands, and not in `main`: a
    # caller that runs `main` in its own process (the tests) keeps its own collector.
    gc.set_threshold(200_000, 30, 30)
    end(main())


def end(code: int) -> NoReturn:
    try:
        sys.stdout.flush()
    except BrokenPipeError:  # the reader left while the last of the output was on its way
        code = EXIT_READER_LEFT
    except (OSError, ValueError):  # a closed stream: nothing left to deliver there
        pass
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.flush()
    os._exit(code)


def _output_closed() -> bool:
    """Whether stdout is a pipe its reader has left (`| head`): not a bug, and nothing more to
    say. A broken pipe may also be a socket's (a server that hung up), which is one."""
    import select  # only after a broken pipe

    try:
        fd = sys.stdout.fileno()
    except (OSError, ValueError):
        return False
    if not hasattr(select, "poll"):  # Windows cannot be asked: take it for stdout's
        return True
    poll = select.poll()
    poll.register(fd, select.POLLOUT)
    return any(events & select.POLLERR for _fd, events in poll.poll(0))

"""How fast, and in how little memory, the worst manifests are refused.

Prints figures; asserts nothing. Run: .venv/bin/python bench/hostile_parse.py
"""

from __future__ import annotations

import time
import tracemalloc
from collections.abc import Callable

from launch_gate.errors import InputError
from launch_gate.load.catalogue import load_catalogue
from launch_gate.load.manifest import parse
from launch_gate.load.text import MAX_BYTES, decode

V = "version: 1\nsystem: {name: x}\n"


def laughs(levels: int) -> str:
    lines = ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, levels)]
    return "\n".join(lines) + "\n"


CASES: dict[str, Callable[[], str | bytes]] = {
    "billion laughs (9 levels, 9^9 leaves)": lambda: laughs(9),
    "flow nesting 100,000 deep": lambda: V + "x: " + "[" * 100_000 + "]" * 100_000,
    "block nesting 1,000 deep": lambda: V + "".join("  " * i + f"k{i}:\n" for i in range(1_000)),
    "file just over 1 MiB": lambda: V + "# " + "x" * MAX_BYTES,
    "50,000 unknown keys": lambda: V + "".join(f"k{i}: 1\n" for i in range(50_000)),
    "9,500 unknown keys (under the value cap)": lambda: (
        V + "".join(f"k{i}: 1\n" for i in range(9_500))
    ),
    "6,000 checks with unknown IDs": lambda: (
        V + "checks:\n" + "".join(f"  c{i}: {{status: done}}\n" for i in range(6_000))
    ),
    "a 900 KiB string": lambda: V + "notes: " + "y" * 900_000 + "\n",
}


def main() -> None:
    cat = load_catalogue()
    print(f"{'case':<44} {'ms':>8} {'peak MiB':>9}  outcome")
    for name, make in CASES.items():
        text = make()
        raw = text.encode() if isinstance(text, str) else text
        tracemalloc.start()
        start = time.perf_counter()
        try:
            parse(decode(raw, "bench.yaml"), "bench.yaml", cat)
            outcome = "accepted (unexpected)"
        except InputError as exc:
            outcome = exc.message[:60]
        elapsed = (time.perf_counter() - start) * 1000
        peak = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        print(f"{name:<44} {elapsed:>8.1f} {peak:>9.1f}  {outcome}")


if __name__ == "__main__":
    main()

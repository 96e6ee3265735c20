"""Evidence verification: URLs, repository paths and GitHub objects.

`verify(targets(manifest), Settings(...))` gives one `EvidenceResult` per
evidence item, keyed by where the item sits in the manifest; the
`evidence.*` rules turn them into findings.
"""

import sys

# httpx's package imports its command-line client whenever rich and click are installed
# (rich is, for our terminal report): about 50 ms of a run's start, for a `main` the gate
# never calls. Every module that imports httpx lives in this package, so marking that one
# module absent here, first, makes httpx fall back to its stub, as it does without them.
if "httpx" not in sys.modules:
    sys.modules.setdefault("httpx._main", None)  # type: ignore[arg-type]

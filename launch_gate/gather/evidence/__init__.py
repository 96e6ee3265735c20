"""Evidence verification: URLs, repository paths and GitHub objects.

`verify(targets(manifest), Settings(...))` gives one `EvidenceResult` per
evidence item, keyed by where the item sits in the manifest; the
`evidence.*` rules turn them into findings.
"""

"""The shapes users write, as pydantic models: the one place a key, its type, its limits and
its description are written.

Nothing imports these at run time. Building a model's validator costs an offline check more
than reading, judging and printing (docs/performance.md), so `make shapes` runs
`generate.py`, which asks pydantic for each model's core schema and writes what it says into
launch_gate/judge/shapes.py (NamedTuples and the schemas pydantic-core validates them with)
and the JSON Schemas into launch_gate/cli/json_schemas.py. tests/models checks the generated
files are current and that both validate every input alike.
"""

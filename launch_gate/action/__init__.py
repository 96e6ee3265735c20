"""The GitHub Action mode: ``launch-gate action``, run inside the Docker action.

`run.run_action(env, out)` is the whole mode: it reads the inputs and the event
(`inputs.read_inputs`, `context.read_context`), evaluates every manifest the
glob matches, and writes the job summary, annotations, outputs, the JSON report
and the sticky PR comment. Each step lives in its own small module so later
modes (another kind of comment, an expiry issue) reuse them piece by piece.
"""

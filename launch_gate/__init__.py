"""launch-gate: hold an LLM feature's launch to an explicit, provable readiness bar."""

__version__ = "0.1.0"

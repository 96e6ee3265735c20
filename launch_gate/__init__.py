"""launch-gate: hold an LLM feature's launch to an explicit, provable readiness bar."""

# The one place the version lives; pyproject.toml reads it from here.
__version__ = "0.1.0"
# Where the project lives: the Action's `uses:`, the image and the docs links all follow it.
REPOSITORY = "launch-gate/launch-gate"
HOME = f"https://github.com/{REPOSITORY}"

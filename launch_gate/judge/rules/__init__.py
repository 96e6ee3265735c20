"""Decision rules: small registered units, each with an ID and a docs anchor.

A rule looks at one check's entry and yields findings. Whether a finding fails
the gate or only warns is decided later, from whether the profile requires the
check; rules themselves never branch on the profile's name. `base.py` is what a
rule is made of; `run.py` loads the built-in rules and runs them.
"""

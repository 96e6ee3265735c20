"""Approver proof: who approved a decision, shown from git history and pull request reviews."""

"""Quizzes: questions generated from templates (answers computed by running the snippet shown,
in the sandbox) and a conceptual bank, scheduled for review with FSRS from the progress log."""

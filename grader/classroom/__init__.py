"""Classroom assignments: an assignment file, a roster, the submissions a teacher collected,
grading them all into an append-only gradebook, and (in ``exports/``) what leaves it."""

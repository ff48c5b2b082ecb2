"""Dates shown one way in every language: ``2.12.2026``, ``2.12.2026 14:30``, the weekday
in lower case (``środa, 2.12.2026``). Django's own locale formats fill in the rest (input
formats, separators)."""

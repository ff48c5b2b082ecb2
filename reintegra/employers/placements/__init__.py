"""Placements: people proposed for offers, the employer's answer, the placement itself, its
documents, mentoring and the retention follow-ups after a job starts."""

"""The participant's own page: their sessions, passport, plan, votes and files, nobody else's."""

"""Matching people and offers: the pure core (``core``), its vectorised twin (``vector``), and
the Django side that feeds them and shows their suggestions."""

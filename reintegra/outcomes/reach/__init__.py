"""Reach: whom each participant told about the programme (seed 004), its page and its section."""

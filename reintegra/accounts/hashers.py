"""A cheaper password hash for local work (DEBUG) only.

Django's PBKDF2 runs 1.5 million rounds: about a second of every log-in on a busy development
machine, nearly all of the log-in's time. Local work does not need that strength, and a hash made
here stays a valid PBKDF2 hash: production checks it by the rounds written in it and re-hashes
the password with its full count at the next log-in (``must_update``).
"""

from __future__ import annotations

from django.contrib.auth.hashers import PBKDF2PasswordHasher


class LocalPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    iterations = PBKDF2PasswordHasher.iterations // 20

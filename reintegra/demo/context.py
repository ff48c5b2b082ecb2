"""What every step of the demo shares: the context it fills and the specs of its accounts.

Each step of ``seed_demo`` (``reintegra/demo/seed.py``) is a function of one ``DemoContext``:
it finds the organisations and users the earlier steps made in it, and counts what it created.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password
from faker import Faker

from reintegra.accounts.models import Organisation, OrganisationType, Role, User

DEMO_PASSWORD = "Reintegra-demo-2026"  # noqa: S105 - published on purpose: a demo account's password
FAKER_SEED = 2026
# A user that exists only once the demo has been seeded: `--once` looks for it.
SENTINEL_USERNAME = "pracownik.mops"


@dataclass(frozen=True)
class OrganisationSpec:
    key: str
    name: str
    short_name: str
    type: OrganisationType
    city: str
    address: str
    email: str


@dataclass(frozen=True)
class PersonSpec:
    """A demo account. Without a first/last name, Faker (with a fixed seed) invents one."""

    username: str
    organisation: str
    role: Role
    job_title: str
    female: bool
    first_name: str = ""
    last_name: str = ""
    featured: bool = False  # listed in the log-ins table printed at the end


@dataclass
class DemoContext:
    faker: Faker
    organisations: dict[str, Organisation] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    created: dict[str, int] = field(default_factory=dict)
    _password_hash: str = ""

    def count_created(self, what: str, created: bool) -> None:
        self.created[what] = self.created.get(what, 0) + int(created)

    def password_hash(self) -> str:
        # Hashing is deliberately slow; the demo accounts share one password, so hash it once.
        if not self._password_hash:
            self._password_hash = make_password(DEMO_PASSWORD)
        return self._password_hash

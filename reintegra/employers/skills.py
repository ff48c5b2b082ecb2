"""Skills as lists of short phrases, written the same way wherever they come from.

An offer's required and nice-to-have skills and a person's skills are typed by people: one per
line or separated by commas or semicolons, in any letter case, with stray spaces. Normalised,
"Obsługa kasy fiskalnej" and " obsługa  kasy fiskalnej" are one skill, so the matching core can
compare them by equality. A pure core: no Django.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

SEPARATORS = re.compile(r"[,;\n\r]+")
SKILL_MAX_LENGTH = 100
SKILLS_MAX = 30


def normalise_skill(text: str) -> str:
    return " ".join(text.split()).lower()


def normalise_skills(items: Iterable[str]) -> list[str]:
    """Trimmed, lower-case, without empty items or repeats, in the order first given."""
    seen: dict[str, None] = {}
    for item in items:
        skill = normalise_skill(item)
        if skill:
            seen.setdefault(skill, None)
    return list(seen)


def skills_from_text(text: str) -> list[str]:
    """``"Obsługa kasy, prawo jazdy kat. B\\nHACCP"`` → three skills."""
    return normalise_skills(SEPARATORS.split(text))

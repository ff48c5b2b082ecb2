"""Reading a KZiS occupation list (CSV ``kod;nazwa``) into Occupation rows, all or nothing.

The official file of the classification (GUS / the ministry of labour) lists every code with its
name: 1 digit a major group, 2 a sub-major group, 3 a minor group, 4 a unit group, 6 an
occupation or speciality; the level is the code's length. A file may carry further columns,
which are ignored. One pass names every bad row (the header is line 1); if there is any, nothing
is loaded. Loading adds new codes and renames changed ones; it never deletes a code, which
offers and job profiles may name.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from reintegra.employers.models import Occupation
from reintegra.text import search_key

CODE = re.compile(r"^(\d|\d{2}|\d{3}|\d{4}|\d{6})$")
NAME_MAX = Occupation._meta.get_field("name").max_length or 300
KZIS_MAX_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True)
class Problem:
    line: int | None  # None: the file as a whole
    message: str

    def __str__(self) -> str:
        if self.line is None:
            return self.message
        return _("Line %(line)d: %(message)s") % {"line": self.line, "message": self.message}


class KzisFileError(ValueError):
    """The file was refused; ``problems`` names every bad row."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


@dataclass(frozen=True)
class Entry:
    line: int
    code: str
    name: str


@dataclass(frozen=True)
class LoadResult:
    created: int
    updated: int
    unchanged: int


def _decode(raw: bytes) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        # Excel on a Polish Windows saves "CSV" in Windows-1250.
        return raw.decode("cp1250")
    except UnicodeDecodeError:
        raise KzisFileError(
            [Problem(None, _("The file is neither UTF-8 nor Windows-1250 text: save it as CSV (UTF-8)."))]
        ) from None


def parse(raw: bytes) -> list[Entry]:
    """The file's codes and names, or KzisFileError naming every bad row."""
    if not raw.strip():
        raise KzisFileError([Problem(None, _("The file is empty."))])
    if len(raw) > KZIS_MAX_BYTES:
        raise KzisFileError([Problem(None, _("The file is larger than 10 MB: this is not a KZiS list."))])
    text = _decode(raw)
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
    # strict: an unclosed quote is an error, not the rest of the file read as one name.
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=True)
    try:
        rows = list(reader)
    except csv.Error:
        raise KzisFileError(
            [Problem(reader.line_num, _("a double quote is misplaced or never closed."))]
        ) from None
    header = [search_key(name) for name in rows[0]]
    if "kod" not in header or "nazwa" not in header:
        raise KzisFileError(
            [Problem(1, _("the header must name the columns kod and nazwa (separated by a semicolon)."))]
        )
    code_at, name_at = header.index("kod"), header.index("nazwa")
    entries: list[Entry] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    for line, cells in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in cells):
            continue
        code = cells[code_at].strip() if code_at < len(cells) else ""
        name = " ".join(cells[name_at].split()) if name_at < len(cells) else ""
        problem = _row_problem(code, name, seen)
        if problem:
            problems.append(Problem(line, problem))
            continue
        seen[code] = line
        entries.append(Entry(line, code, name))
    if problems:
        raise KzisFileError(problems)
    if not entries:
        raise KzisFileError([Problem(None, _("The file has a header but no codes."))])
    return entries


def _row_problem(code: str, name: str, seen: dict[str, int]) -> str:
    if not code:
        return _("the code (kod) is empty.")
    if not CODE.match(code):
        return _("%(code)s is not a KZiS code: a code has 1, 2, 3, 4 or 6 digits.") % {"code": code}
    if code in seen:
        return _("the code %(code)s was already given on line %(line)d.") % {"code": code, "line": seen[code]}
    if not name:
        return _("the name (nazwa) of %(code)s is empty.") % {"code": code}
    if len(name) > NAME_MAX:
        return _("the name of %(code)s is longer than %(limit)d characters.") % {
            "code": code,
            "limit": NAME_MAX,
        }
    return ""


@transaction.atomic
def load(entries: list[Entry]) -> LoadResult:
    """Adds the new codes and renames the changed ones; running it twice changes nothing."""
    existing = Occupation.objects.in_bulk([entry.code for entry in entries])
    to_create: list[Occupation] = []
    to_update: list[Occupation] = []
    for entry in entries:
        stored = existing.get(entry.code)
        if stored is None:
            to_create.append(Occupation(code=entry.code, name=entry.name, level=len(entry.code)))
        elif stored.name != entry.name:
            stored.name = entry.name
            to_update.append(stored)
    Occupation.objects.bulk_create(to_create, batch_size=1000)
    Occupation.objects.bulk_update(to_update, ["name"], batch_size=1000)
    return LoadResult(len(to_create), len(to_update), len(entries) - len(to_create) - len(to_update))


def load_file(path: str) -> LoadResult:
    with open(path, "rb") as handle:
        return load(parse(handle.read()))

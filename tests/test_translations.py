"""The Polish catalogue is complete, in step with the sources, compiled, and used by the pages.

A new `_()` or `{% translate %}` string without a Polish translation fails here with the list of
missing msgids; the fix is `make messages`, then translating the new entries in
locale/pl/LC_MESSAGES/django.po (and committing the .po and the compiled .mo).
"""

from __future__ import annotations

import ast
import re
import shutil
from dataclasses import dataclass, field
from gettext import GNUTranslations
from pathlib import Path
from typing import Any

import pytest
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

LOCALE = Path(settings.BASE_DIR) / "locale"
PL_PO = LOCALE / "pl" / "LC_MESSAGES" / "django.po"
FIX = (
    "Run `make messages`, translate the new entries in locale/pl/LC_MESSAGES/django.po and commit both files."
)
# What `make messages` scans: everything but hidden folders (makemessages' default ignore) and var/.
SOURCE_EXTENSIONS = {".py", ".html", ".txt"}
NOT_SCANNED = {"var", "locale", "node_modules", "__pycache__"}
PLACEHOLDER = re.compile(r"%\([A-Za-z_][A-Za-z0-9_]*\)[-#0 +]*\d*(?:\.\d+)?[sdifr]|%[sd]")


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)

    @property
    def key(self) -> str:
        return self.msgid if self.msgctxt is None else f"{self.msgctxt}\x04{self.msgid}"

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags


def read_po(path: Path) -> list[Entry]:
    """A small reader for the subset of the PO format that msgmerge writes (obsolete `#~` entries skipped)."""
    entries: list[Entry] = []
    entry = Entry()
    current: tuple[str, int] | None = None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if current is not None:
                entries.append(entry)
            entry, current = Entry(), None
        elif line.startswith("#,"):
            entry.flags.update(flag.strip() for flag in line[2:].split(","))
        elif line.startswith("#"):
            continue
        elif line.startswith('"') and current is not None:
            _append(entry, current, ast.literal_eval(line))
        else:
            keyword, _, literal = line.partition(" ")
            index = int(keyword[7:-1]) if keyword.startswith("msgstr[") else 0
            current = ("msgstr" if keyword.startswith("msgstr") else keyword, index)
            _append(entry, current, ast.literal_eval(literal))
    return entries


def _append(entry: Entry, current: tuple[str, int], text: str) -> None:
    keyword, index = current
    if keyword == "msgstr":
        entry.msgstr[index] = entry.msgstr.get(index, "") + text
    else:
        setattr(entry, keyword, (getattr(entry, keyword) or "") + text)


def messages(path: Path) -> list[Entry]:
    return [entry for entry in read_po(path) if entry.msgid]


def header(path: Path) -> dict[str, str]:
    raw = next(entry for entry in read_po(path) if not entry.msgid).msgstr[0]
    return dict(line.split(": ", 1) for line in raw.splitlines() if ": " in line)


def describe(keys: set[str]) -> str:
    return "\n".join(f"  {key.replace(chr(4), ' | ')!r}" for key in sorted(keys))


def test_every_polish_message_is_translated_and_none_is_fuzzy() -> None:
    entries = messages(PL_PO)
    untranslated = {entry.key for entry in entries if not all(entry.msgstr.values())}
    fuzzy = {entry.key for entry in entries if entry.fuzzy}

    assert not untranslated, f"Untranslated Polish messages:\n{describe(untranslated)}\n{FIX}"
    assert not fuzzy, f"Fuzzy Polish messages (check the guess, then drop '#, fuzzy'):\n{describe(fuzzy)}"


def test_polish_plurals_have_the_three_polish_forms() -> None:
    assert header(PL_PO)["Plural-Forms"].startswith("nplurals=3;")
    incomplete = {
        entry.key for entry in messages(PL_PO) if entry.msgid_plural and sorted(entry.msgstr) != [0, 1, 2]
    }
    assert not incomplete, f"Plural messages without the three Polish forms:\n{describe(incomplete)}"


def placeholders(text: str | None) -> set[str]:
    return set(PLACEHOLDER.findall(text or ""))


def loses_or_invents_a_placeholder(entry: Entry) -> bool:
    if entry.fuzzy or not all(entry.msgstr.values()):
        return False  # the completeness test reports it
    if not entry.msgid_plural:
        return placeholders(entry.msgstr.get(0)) != placeholders(entry.msgid)
    # Polish may spell out "one" in the singular form, so only the plural forms must keep every placeholder.
    source = placeholders(entry.msgid) | placeholders(entry.msgid_plural)
    forms = [placeholders(text) for index, text in sorted(entry.msgstr.items())]
    return any(not form <= source for form in forms) or any(form != source for form in forms[1:])


def test_polish_translations_keep_every_placeholder_of_the_source() -> None:
    broken = {
        entry.key
        for entry in messages(PL_PO)
        if "python-format" in entry.flags and loses_or_invents_a_placeholder(entry)
    }
    assert not broken, f"Translations that lose or invent a placeholder:\n{describe(broken)}"


@pytest.fixture(scope="module")
def extracted_messages(tmp_path_factory: pytest.TempPathFactory) -> set[str]:
    """Run makemessages, as `make messages` does, over a copy of the sources, into a throw-away locale.

    A copy, because makemessages writes into the `locale` folder beside the files it scans.
    """
    root = tmp_path_factory.mktemp("extract")
    source = root / "src"

    def not_scanned(folder: str, names: list[str]) -> set[str]:
        return {
            name
            for name in names
            if name.startswith(".")
            or name in NOT_SCANNED
            or (Path(folder, name).is_file() and Path(name).suffix not in SOURCE_EXTENSIONS)
        }

    shutil.copytree(settings.BASE_DIR, source, ignore=not_scanned)
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(source)
        patch.setattr(settings, "LOCALE_PATHS", [str(source / "locale")])
        call_command("makemessages", locale=["pl"], ignore_patterns=["var"], no_obsolete=True, verbosity=0)
    return {entry.key for entry in messages(source / "locale" / "pl" / "LC_MESSAGES" / "django.po")}


def test_every_message_in_the_sources_is_in_the_polish_catalogue(extracted_messages: set[str]) -> None:
    missing = extracted_messages - {entry.key for entry in messages(PL_PO)}

    assert not missing, (
        f"Messages in the sources but not in the Polish catalogue:\n{describe(missing)}\n{FIX}"
    )


def test_the_polish_catalogue_holds_no_message_the_sources_dropped(extracted_messages: set[str]) -> None:
    stale = {entry.key for entry in messages(PL_PO)} - extracted_messages

    assert not stale, f"Messages in the Polish catalogue no longer in the sources:\n{describe(stale)}\n{FIX}"


@pytest.mark.parametrize("language", ["pl", "en"])
def test_the_committed_mo_file_is_compiled_from_the_committed_po_file(language: str) -> None:
    po = LOCALE / language / "LC_MESSAGES" / "django.po"
    expected: dict[Any, str] = {}
    for entry in messages(po):
        if entry.fuzzy or not all(entry.msgstr.values()):
            continue
        if entry.msgid_plural:
            expected.update({(entry.key, index): text for index, text in entry.msgstr.items()})
        else:
            expected[entry.key] = entry.msgstr[0]
    with po.with_suffix(".mo").open("rb") as compiled:
        catalogue = GNUTranslations(compiled)._catalog
    actual = {key: text for key, text in catalogue.items() if key != ""}
    differing = {str(key) for key in expected.keys() | actual.keys() if expected.get(key) != actual.get(key)}

    assert not differing, (
        f"locale/{language}/LC_MESSAGES/django.mo is stale (run `make messages`):\n{describe(differing)}"
    )


def test_the_english_catalogue_declares_english_and_its_two_plural_forms() -> None:
    english = header(LOCALE / "en" / "LC_MESSAGES" / "django.po")

    assert english["Language"] == "en"
    assert english["Plural-Forms"] == "nplurals=2; plural=(n != 1);"


@pytest.mark.django_db
def test_the_login_page_is_polish_by_default() -> None:
    page = Client().get(reverse("accounts:login")).content.decode()

    assert "Zaloguj się" in page
    assert '<html lang="pl">' in page
    assert "Log in to Reintegra" not in page


@pytest.mark.django_db
def test_the_login_page_is_english_when_the_browser_asks_for_english() -> None:
    page = Client().get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert "Log in to Reintegra" in page
    assert '<html lang="en">' in page
    assert "Zaloguj się" not in page


@pytest.mark.django_db
def test_the_language_switcher_names_each_language_in_that_language() -> None:
    polish_page = Client().get(reverse("accounts:login")).content.decode()
    english_page = Client().get(reverse("accounts:login"), HTTP_ACCEPT_LANGUAGE="en").content.decode()

    assert re.search(r'data-testid="language-en">\s*English\s*<', polish_page)
    assert re.search(r'data-testid="language-pl">\s*polski\s*<', english_page)

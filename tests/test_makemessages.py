"""`make messages` would leave the catalogues' strings unchanged: nothing new is left untranslated.

The Makefile's `messages` target is run on a copy of the sources, so the working tree is
never touched; a difference lists the strings to add to (or drop from) the catalogues.
"""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import polib
import pytest

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("sv", "en")
SOURCES = ("engagera", "locale", "tools")
PROBE = "makemessages-probe-3f9a"


def _makemessages_command() -> list[str]:
    """The `engagera makemessages ...` line of the Makefile's messages target, as arguments."""
    makefile = (ROOT / "Makefile").read_text()
    target = makefile.split("\nmessages:", 1)[1]
    line = next(row for row in target.splitlines() if "makemessages" in row)
    arguments = line.split("makemessages", 1)[1].split()
    return ["makemessages", *(argument.strip("'\"") for argument in arguments)]


def _msgids(po_file: Path) -> set[tuple[str | None, str, str]]:
    return {
        (entry.msgctxt, entry.msgid, entry.msgid_plural)
        for entry in polib.pofile(str(po_file))
        if entry.msgid and not entry.obsolete
    }


@pytest.mark.skipif(shutil.which("xgettext") is None, reason="gettext is not installed")
def test_makemessages_leaves_the_catalogues_unchanged(tmp_path):
    for name in SOURCES:
        shutil.copytree(
            ROOT / name, tmp_path / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc")
        )
    # A string only the copy has: proves makemessages read the copy and wrote its catalogues.
    (tmp_path / "engagera" / "_probe.py").write_text(
        'from django.utils.translation import gettext as _\n\n_("' + PROBE + '")\n'
    )
    command = _makemessages_command()
    assert "-l sv" in " ".join(command) and "--no-obsolete" in command, command
    environment = {
        **os.environ,
        "PYTHONPATH": str(tmp_path),  # the copy's engagera, so its settings name the copy's locale/
        "DJANGO_SETTINGS_MODULE": "engagera.settings",
        "ENGAGERA_DATA_DIR": str(tmp_path / "data"),
    }
    result = subprocess.run(
        [sys.executable, "-c", "from engagera.cli import main; main()", *command],
        cwd=tmp_path,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    differences = []
    for language in LANGUAGES:
        po = Path("locale") / language / "LC_MESSAGES" / "django.po"
        committed, fresh = _msgids(ROOT / po), _msgids(tmp_path / po)
        assert (None, PROBE, "") in fresh, f"makemessages did not update the copy of {po}"
        fresh.discard((None, PROBE, ""))
        differences += [
            f"{language}: new, not in {po}: {m[1]!r}" for m in sorted(fresh - committed)
        ]
        differences += [
            f"{language}: gone from the code: {m[1]!r}" for m in sorted(committed - fresh)
        ]
    assert differences == [], "run `make messages` and translate:\n" + "\n".join(differences)

"""Fold ``locale/pending/*.json`` into the Swedish catalogue, then delete them.

Engineers working in parallel write their Swedish texts there instead of editing the
shared .po file: ``{"English msgid": "svensk text"}``; a plural entry maps to a list
``[singular, plural]``; a msgctxt is written as ``"context\\u0004msgid"``.
Run after ``make messages`` (which adds the new msgids), then ``make messages`` again.
"""

import json
import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parents[1]
PENDING = ROOT / "locale" / "pending"
SV = ROOT / "locale" / "sv" / "LC_MESSAGES" / "django.po"


def main() -> int:
    texts: dict = {}
    for path in sorted(PENDING.glob("*.json")):
        texts.update(json.loads(path.read_text(encoding="utf-8")))
    catalogue = polib.pofile(str(SV))
    used, missing = set(), []
    for entry in catalogue:
        key = f"{entry.msgctxt}\x04{entry.msgid}" if entry.msgctxt else entry.msgid
        if entry.translated() and "fuzzy" not in entry.flags:
            continue
        text = texts.get(key)
        if text is None:
            missing.append(entry.msgid)
            continue
        used.add(key)
        if entry.msgid_plural:
            singular, plural = text if isinstance(text, list) else (text, text)
            entry.msgstr_plural = {0: singular, 1: plural}
        else:
            entry.msgstr = text
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
            entry.previous_msgid = entry.previous_msgid_plural = entry.previous_msgctxt = None
    catalogue.save(str(SV))
    for msgid in missing:
        print(f"untranslated: {msgid!r}", file=sys.stderr)
    print(f"applied {len(used)} texts; {len(missing)} still untranslated")
    if not missing:  # all folded in: the JSON files have done their work
        for path in PENDING.glob("*.json"):
            path.unlink()
    return 0


if __name__ == "__main__":
    sys.exit(main())

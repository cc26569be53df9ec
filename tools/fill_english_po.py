"""English is the source language: its catalogue's translations are the msgids themselves.

Run by `make messages` after makemessages, so the English catalogue is always complete
and never keeps a stale (fuzzy) text from an earlier wording.
"""

import sys

import polib


def fill(path: str) -> None:
    catalogue = polib.pofile(path)
    for entry in catalogue:
        if entry.msgid_plural:
            entry.msgstr_plural = {0: entry.msgid, 1: entry.msgid_plural}
        else:
            entry.msgstr = entry.msgid
        if "fuzzy" in entry.flags:
            entry.flags.remove("fuzzy")
        entry.previous_msgid = entry.previous_msgid_plural = None
    catalogue.save()


if __name__ == "__main__":
    fill(sys.argv[1])

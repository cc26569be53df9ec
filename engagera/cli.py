"""The `engagera` console script: domain verbs plus every Django management command."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "engagera.settings")
    from django.core.exceptions import ImproperlyConfigured

    try:
        from django.core.management import execute_from_command_line

        argv[0] = "engagera"
        execute_from_command_line(argv)
    except ImproperlyConfigured as exc:
        sys.stderr.write(f"engagera: configuration error: {exc}\n")
        sys.exit(2)


if __name__ == "__main__":
    main()

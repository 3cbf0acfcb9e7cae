#!/usr/bin/env python
import os
import sys

if __name__ == "__main__":
    # The configuration lives in site/ and is imported as `hrcsite` (README, "Layout").
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "hrcsite.settings.dev")
    try:
        from django.core.management import execute_from_command_line
    except ImportError as exc:
        raise ImportError(
            "Django is not installed in this Python. Run `bin/start` (or `bin/test`), which "
            "creates .venv and installs the locked dependencies, then use .venv/bin/python."
        ) from exc
    execute_from_command_line(sys.argv)

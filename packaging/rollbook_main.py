"""Entry point of the packaged Rollbook: the command line, which opens the desktop app by default.

PyInstaller needs a script; ``app/cli.py`` is imported as a module so that ``app`` stays a
package in the bundle exactly as in a checkout.
"""

import multiprocessing
import sys

if __name__ == "__main__":
    # First of all: the desk's sync worker (app.sync.worker, multiprocessing's "spawn") starts
    # as this executable again; this runs the worker there and exits (PyInstaller's runtime
    # hook makes it work on every platform, not only Windows).
    multiprocessing.freeze_support()
    from app.cli import main

    sys.exit(main())

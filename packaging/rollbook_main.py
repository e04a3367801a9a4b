"""Entry point of the packaged Rollbook: the command line, which opens the desktop app by default.

PyInstaller needs a script; ``app/cli.py`` is imported as a module so that ``app`` stays a
package in the bundle exactly as in a checkout.
"""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())

"""`python -m macros.course` runs the course command."""

import sys

from .cli import main

sys.exit(main())

"""`python -m macros.course` runs the course command."""

import sys

from .cli.main import main

sys.exit(main())

"""Allow `python -m lisdraft`."""

from lisdraft.cli import main

main()

"""Where the `lisdraft` command starts: the console script and `python -m lisdraft`."""

import gc
import os


def main() -> None:
    """Run the command line (`lisdraft.cli`) with the process set up for a short run."""
    # lisdraft uses no Pydantic plugins; looking for them scans every installed
    # package's metadata on each run, a large part of a one-profile build.
    os.environ.setdefault("PYDANTIC_DISABLE_PLUGINS", "__all__")
    # A run makes hundreds of thousands of objects that live until it ends (the
    # modules of Typer, Pydantic, python-docx and Jinja, the templates, the
    # profile). At Python's default threshold (700 new objects) the collector
    # scanned them about 160 times in a build of the example, a sixth of its
    # time, and freed almost nothing: lisdraft's data has no cycles to free. So
    # a run collects after every 100,000, set before anything is imported
    # (worker processes inherit both settings). Programs that import lisdraft
    # keep their own.
    gc.set_threshold(100_000, *gc.get_threshold()[1:])
    from lisdraft.cli import main as run_cli  # after the threshold, as its imports are many

    run_cli()


if __name__ == "__main__":
    main()

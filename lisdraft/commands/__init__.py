"""One module per command; `lisdraft.cli` registers them on the Typer app."""

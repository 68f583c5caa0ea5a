"""`python -m mubiao` runs the command line."""

from mubiao.cli import app

app(prog_name="mubiao")

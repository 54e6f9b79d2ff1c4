"""`python -m pipeline` runs the vanthu command."""
from pipeline.cli import run

run()

"""danvan: carry out, monitor, inspect and report on a Party action program."""

__version__ = "0.1.0"

"""grader: a terminal practice app and autograder for PyTorch and Python."""

__version__ = "0.1.0"

"""Reusable code for the course pages: data loaders and small helpers the pages import.

Importing ``dlcourse`` does not import TensorFlow; the modules that need it import it
when they are used.
"""

__version__ = "0.1.0"

"""Autograder for the recurrent-networks course."""
__version__ = "0.1.0"

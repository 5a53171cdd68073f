"""Worry lists and their worries (see the worry-lists issue)."""

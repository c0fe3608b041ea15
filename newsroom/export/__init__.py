"""Exports: finished pages, whole sites, PDF and the agency interchange formats."""

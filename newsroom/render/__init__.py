"""Rendering: article bodies to safe HTML, and articles to finished pages."""

"""Imports from the interchange formats: NITF, NewsML-G2, ninjs and Markdown with front matter.

Each reader turns a file into the JSON article format (docs/formats.md) and
leaves checking it to ``article_json``, the one validator every article goes
through. ``detect.read_document`` tells the formats apart by content.
"""

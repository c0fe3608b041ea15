"""Outside clients: what readers', feed readers' and partners' own tools make of our exports.

Every test here reads an export with a tool that is not ours (the Nu HTML checker, axe-core in
Chromium, jsonschema with format checking, feedparser, pdfinfo, IPTC's newsmlg2), and skips
with its reason where the tool is missing. ``make test`` installs them (``make outside-tools``).
"""

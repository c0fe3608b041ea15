"""The Checks tab: the open article's check findings as the editor types.

``model.py`` (the findings as a Qt list model), ``delegate.py`` (how a row is
drawn), ``look.py`` (severity colours and icons from the palette),
``spans.py`` (a finding's span in Qt's UTF-16 positions), ``checker.py``
(checking off the UI thread after a pause), ``fields.py`` (a finding's
field in the editor: selecting its span, the wavy underlines, the quick
fixes), ``actions.py`` (what a finding offers in a menu), ``pane.py``.
Imports nothing here, so the window loads only what it names.
"""

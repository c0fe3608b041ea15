"""The Related tab: an article's related headlines.

``model`` (the list, with drag-and-drop) pushes ``commands`` on the undo
stack; ``pane`` is the tab, with ``outside_dialog`` for stories from other
sites. Nothing is imported here, so loading one of them loads only what it needs.
"""

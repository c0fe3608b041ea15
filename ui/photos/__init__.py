"""The photo library and the editor's photo panel.

``window`` (the library window) composes ``browser`` (search and grid over
``model``), ``details``, ``batch_caption`` and ``code_table``; ``picker`` is
the modal chooser; ``panel`` (with ``code_field``) is the editor's photo.
Nothing is imported here, so loading one of them loads only what it needs.
"""

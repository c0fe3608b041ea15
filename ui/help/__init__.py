"""The Help menu: the user guide, the keyboard shortcuts and About Newsroom.

``menu.add_help_menu(window)`` is all the main window calls; each window
lives in its own module and is imported only when first asked for.
"""

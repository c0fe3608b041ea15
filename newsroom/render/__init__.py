"""Rendering: article bodies to safe HTML, and articles to finished pages."""

# The URL scheme the app's preview serves pages and photos under. Here, in the
# package's own light module, so the app can register it before anything heavy loads.
PREVIEW_SCHEME = "newsroom-preview"

"""Rendering: article bodies to safe HTML, and articles to finished pages."""

# The URL scheme the app's preview serves pages and photos under. Here, in the
# package's own light module, so the app can register it before anything heavy loads.
PREVIEW_SCHEME = "newsroom-preview"

# Bump when the output of render.body.render_body changes: stored bodies from an older
# version are rendered again when used. Here, light, so a site export of stored bodies
# needs no Markdown.
RENDER_VERSION = 2  # 2: links read as browsers read them

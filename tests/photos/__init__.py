"""Photo metadata: reading (IIM, XMP, EXIF) and embedding into renditions."""

"""Language pieces: document structure, normalization, numbers."""

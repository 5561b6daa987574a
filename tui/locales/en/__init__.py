"""English texts, one module per area; keys must match the Chinese package."""

"""Pages of the analysis app (one module per noun)."""

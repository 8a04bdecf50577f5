"""Pages of the reports app."""

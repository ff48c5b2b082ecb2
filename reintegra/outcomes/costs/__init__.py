"""Costs: what a programme cost, by category and funding source (seed 002), its pages and its
report section."""

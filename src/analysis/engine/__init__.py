"""Pure analysis stages: gazetteer tagging, sectors, tone, topic queries, spikes.

No framework imports (an import-linter contract checks it).
"""

"""Pure detection stages: near-duplicates, site form signals, compliance rules.

No framework imports (an import-linter contract checks it).
"""

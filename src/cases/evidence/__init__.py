"""Evidence capture (WARC/1.1 with SHA-256 digests) and evidence packages; no framework imports."""

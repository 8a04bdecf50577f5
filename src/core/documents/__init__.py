"""Official documents (NĐ 30/2020 layout) built with python-docx; no framework imports."""

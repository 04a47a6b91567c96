"""Fictional demo exports for three made-up non-profits, and the code that writes them.

`writers/` holds one module per export format (bytes, encoding, BOM, quoting, preamble);
`story/` decides what each organisation posts, earns and logs, and when. Run
`python sample_data/generate.py` (or `python -m sample_data.generate`) to write the files again.
"""

"""Fictional demo exports for five made-up non-profits and a portfolio of them, and the code that writes them.

`writers/` holds one module per export format (bytes, encoding, BOM, quoting, preamble);
`story/` decides what each organisation posts, earns and logs, and when. Run
`python sample_data/generate.py` (or `python -m sample_data.generate`) to write the files again.
"""

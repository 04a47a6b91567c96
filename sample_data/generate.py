"""Write the fictional sample exports in sample_data/ (run: python sample_data/generate.py).

Five made-up Indian non-profits, one folder each, one year of data (2025-12-01 .. 2026-11-25,
"downloaded" on 2026-11-26; one grantee's exports stop on 2026-05-20), in the byte-level conventions
of the real platform exports, and portfolios.json, a demo portfolio of them. The story
(who posts what, when) is sample_data/story/, the formats sample_data/writers/. Standard library
only; the output is byte-for-byte deterministic (fixed seeds, fixed zip timestamps, no dependence
on the clock or the locale). `python -m sample_data.generate` does the same.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the repository importable
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from sample_data.story.main import main  # noqa: E402

if __name__ == "__main__":
    main()

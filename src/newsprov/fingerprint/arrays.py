"""The numpy array types of the signature and candidate stages, named once.

Part of :mod:`newsprov.fingerprint`; the candidate modules import them from here.

Example:
    >>> import numpy as np
    >>> shingles: U32 = np.array([3, 9], dtype=np.uint32)
    >>> shingles.dtype.name
    'uint32'
"""

from __future__ import annotations

from typing import TypeAlias

import numpy as np
import numpy.typing as npt

__all__ = ["I64", "U32", "U64"]

U32: TypeAlias = npt.NDArray[np.uint32]
"""32-bit values: shingle hashes (sorted, unique) and MinHash signatures."""

U64: TypeAlias = npt.NDArray[np.uint64]
"""64-bit hashes: tokens, n-grams, passage anchors."""

I64: TypeAlias = npt.NDArray[np.int64]
"""Positions and counts: offsets into arrays, row numbers, run lengths."""

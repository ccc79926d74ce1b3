"""Dragoman: a foreign-press OSINT workbench."""

import os

# One BLAS thread per process: Dragoman parallelises with worker processes, and natasha's numpy runs about
# five times slower when OpenBLAS threads fight over the same two cores. Set before numpy is first imported.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

__version__ = "0.1.0"

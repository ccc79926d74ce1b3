"""The pipeline on a Dask cluster: `dragoman run --dask local[:N]` or `--dask tcp://HOST:8786`.

The client reads pending documents (with their archived bytes) and the workspace's small read-only files, sends
documents to Dask workers in batches, and writes every result itself, exactly as the local runner does
(`runner.run_pending` is the one writer for both). Workers never open the workspace. `node.py` makes a machine's
workers share one loaded copy of the models (`local:N` always; `dask worker --preload-nanny dragoman.scale.node`).
"""

from .client import DaskCluster, DaskError, connect

__all__ = ["DaskCluster", "DaskError", "connect"]

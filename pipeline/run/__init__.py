"""Running the pipeline: one document (``document``), which files and which ids (``inputs``),
many documents in order on a local pool (``pool``) or a dask cluster (``cluster``), resume
(``store``) and the batch writer behind `vnplan extract` (``batch``)."""

"""Running the pipeline: which files and their paths from the input root (``inputs``), the
doc_id rule and duplicates (``identity``), the time limit and size caps (``limits``), one
document (``document``), many documents on a local pool of worker processes (``workers``,
``pool``) or a dask cluster (``cluster``), resume (``store``) and the batch writer behind
`vnplan extract` (``batch``)."""

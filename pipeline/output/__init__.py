"""Outputs: atomic writes (``atomic``), the five extraction tables (``tables``) and the
divergence report, one writer per format in a registry (``report``: ``csv``, ``xlsx``, ``html``)."""

"""Text primitives every stage shares, importing nothing of the package but ``pipeline.data``:
the one text fold and number key (``folds``), offsets between normalised and source text
(``spans``), the matching view (``view``), numbers, dates and regex templates."""

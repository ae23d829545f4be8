"""The Python API for notebooks: a pandas Corpus (``corpus``) and a spaCy view of a Document
(``nlp``: a syllable tokenizer, span groups, cue words marked from the data files)."""

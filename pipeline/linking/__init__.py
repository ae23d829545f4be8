"""Linking and alignment: documents joined through their citations into a parent tree
(``link``, bundled ``references`` for parents whose text is missing), targets aligned with the
parents' (``align``) and each pair given a status (``status``, ``compare``)."""

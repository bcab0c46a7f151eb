"""Parsers of single source fields, shared by the page and export readers.

Modules: dates (loose start and end dates), lists (policy-area and OGP-value lists),
institutions (an institution field split into body names), contacts (a person's contact
details found in text, kept out of body names), hyphenation (words a PDF line end broke,
put back), description (a commitment description cleaned conservatively),
institution_lists (which line breaks, commas, stops and `and`s separate two bodies),
institution_names (a name's key and acronym, what identifies a body within a member),
institution_kinds (the kind of body a name names, and the international body it is).
Not here: recognising where a field is on a page or in a row (pipeline/raw/readers/),
mapping values to codes (pipeline/stage/).
"""

"""Leaf helpers over plain text, shared by every stage; they import nothing but the models.

fold.py        the one text fold: quotes, dashes, case, whitespace, invisible characters
sentences.py   sentence spans of an article's content
names.py       titles, the key of a name, the spelling-similarity rule for names
places.py      countries by name from ISO 3166 (pycountry): "U.S." == "US" == "United States"
lexicon.py     words no personal name holds: calendar, compass, head nouns, words in general use
quantities.py  the one number grammar: numerals, magnitudes, vague words, currencies
neutral.py     loaded words a neutral briefing may only carry inside quotes
support.py     whether the spans a sentence cites support it: numbers, names, words, quotes
"""

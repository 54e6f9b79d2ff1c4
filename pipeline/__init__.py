"""The spine of vanthu: file -> Text (readers) -> fields (extractors) -> Record -> outputs.

readers/   one module per input format, each returning a `text.Text`
text.py    the Text model and the one place where input is normalised (NFC)
record.py  the record every later stage reads
parse.py   runs the extractors over a Text and builds the Record
cli.py     the `vanthu` command
"""
__version__ = "0.1.0"

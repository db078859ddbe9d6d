"""Stage 1 — files: bytes on disk ⇄ a :class:`~drafter.files.document.SourceDocument`.

Takes paths (text, Markdown, .docx, standard input) and gives documents that remember their
encoding and line ends; writes text back atomically in the file's own encoding; keeps the
editor's recovery files; finds bundled data (checklists, outlines, samples) and loads YAML with
line numbers; keeps data compiled from YAML in the user cache folder. Imports nothing of drafter
but :mod:`drafter.errors` and :mod:`drafter.version`.

- :mod:`.document` the in-memory document · :mod:`.safe_read` bounded reads of regular files
  (every limit on input) · :mod:`.source` reading and finding reports ·
  :mod:`.docx_reader` Word files · :mod:`.save` atomic saves · :mod:`.recovery` recovery files ·
  :mod:`.yamlload` YAML with line numbers · :mod:`.resources` where bundled data lives ·
  :mod:`.cache` the user cache folder and pickled compiled data · :mod:`.patterns` compiled
  regular expressions kept there · :mod:`.dataclass_code` the methods ``dataclasses`` writes,
  compiled once and kept there (the command line's start-up)
"""

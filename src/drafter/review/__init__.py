"""Between the checks and the API — reviewing findings: what a finding is, what it means, and what
the reviewer has set aside.

Takes diagnostics (and the report, the options, the project file) and gives their stable
fingerprints (:mod:`.fingerprint`, for baselines, ignores, JSON and SARIF), a rule's explanation
(:mod:`.ruledocs`, for SARIF help and the language server's hover), the ignores that last
(:mod:`.ignores`: the project file's ``ignore`` list and inline markers) and the writing of ignores
into ``drafter.yaml`` (:mod:`.ignore_file`). Imports the checks and the stages below them.
"""

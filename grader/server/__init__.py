"""The check server: a warm ``Checker`` per workspace and user, so that a repeated
`grader check` answers in a fraction of a second instead of importing torch again.

``client`` is what `grader check` and `grader server` import (no torch, no hypothesis, no
checks); ``daemon`` is the server process; ``protocol`` is what both agree on.
"""

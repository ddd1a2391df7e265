"""Running untrusted submissions.

``host`` (the supervisor's side: Zygote, Worker), ``zygote`` (the warm parent that forks
workers), ``worker`` (the untrusted side), ``jail`` (its namespaces and read-only root),
``view`` (what student code may see), ``isolation`` (whether the strict sandbox works here),
``capture`` (student output, bounded), ``limits`` (process limits), ``probekit`` (for probes).
"""

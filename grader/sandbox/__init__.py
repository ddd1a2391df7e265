"""Running untrusted submissions: the zygote, its workers, and their limits."""

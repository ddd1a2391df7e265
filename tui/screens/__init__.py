"""Full screens the app pushes over its main layout, one module each."""

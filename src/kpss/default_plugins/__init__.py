"""Built-in plugins, registered through the entry-point group ``kpss`` like any other."""

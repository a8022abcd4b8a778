"""One module per command or family of commands; importing them registers them with the app."""

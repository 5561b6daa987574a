"""Sub-commands of ``leadboard``, one module each (see ``tui.cli.command_modules``)."""

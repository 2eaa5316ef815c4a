"""``python -m newsprov`` runs the command line."""

from newsprov.cli import main

raise SystemExit(main())

"""Storage: tables, connections, migrations, backups. ``newsroom.store`` is the API over it."""

"""The bundle's entry point: PyInstaller freezes this file as the ``dslapp`` program.

It is the ``dslapp`` console script (``dslapp.cli:main``) with two hidden arguments the installed script does
not need: ``--run-module MODULE ARGS…`` runs one of the modules the app starts as a child process of itself
(in a bundle ``sys.executable`` is this program, which has no ``-m``), and ``--bundle-info`` prints where the
bundle finds its resources, for the smoke test. Nothing heavy is imported before the command is known, so
``dslapp --version`` stays fast.
"""

from __future__ import annotations

import sys


def _run_module(module: str, args: list[str]) -> int:
    import runpy

    from dslapp.console import BUNDLE_MODULES

    if module not in BUNDLE_MODULES:
        print(f"dslapp: {module} is not a module this program runs.", file=sys.stderr)
        return 2
    sys.argv = [sys.argv[0], *args]
    runpy.run_module(module, run_name="__main__", alter_sys=True)
    return 0


def _bundle_info() -> int:
    import json

    from dslapp import __version__
    from dslapp.paths import resource_files, schema_files

    print(
        json.dumps(
            {
                "version": __version__,
                "frozen": bool(getattr(sys, "frozen", False)),
                "bundle_dir": getattr(sys, "_MEIPASS", ""),
                "resources": str(resource_files()),
                "schemas": str(schema_files()),
            }
        )
    )
    return 0


def main() -> int:
    from dslapp.console import RUN_MODULE_ARG, ensure_standard_streams

    ensure_standard_streams()
    args = sys.argv[1:]
    if len(args) >= 2 and args[0] == RUN_MODULE_ARG:
        return _run_module(args[1], args[2:])
    if args == ["--bundle-info"]:
        return _bundle_info()
    from dslapp.cli import main as cli_main

    return cli_main(args)


if __name__ == "__main__":
    raise SystemExit(main())

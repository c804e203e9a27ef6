from dslapp.cli import main

raise SystemExit(main())

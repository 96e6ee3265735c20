from gate.main import main

raise SystemExit(main())

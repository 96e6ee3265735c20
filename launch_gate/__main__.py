from launch_gate.main import main

raise SystemExit(main())

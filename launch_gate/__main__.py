from launch_gate.main import run

run()

print("tui-demo")

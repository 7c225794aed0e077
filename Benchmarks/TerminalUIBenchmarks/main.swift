// TerminalUI benchmarks: `swift run -c release TerminalUIBenchmarks`.
// Each figure is reported with a peer measured in the same run (ratios, not absolute goals).
runRenderBenchmark()
print("")
runListBenchmark()
print("")
runBytesBenchmark()

// AWSCore benchmarks: each figure is reported next to a peer measured in the same run.
// - signing (AWS-auth engineer, SigningBenchmark.swift): signatures per second;
// - overhead (OverheadBenchmark.swift): per-call time against the emulator next to boto3.
import Foundation

let arguments = CommandLine.arguments.dropFirst()
let only = arguments.first

if only == nil || only == "overhead" {
    do {
        try await runOverheadBenchmark()
    } catch {
        print("overhead: failed — \(error)")
        exit(1)
    }
}

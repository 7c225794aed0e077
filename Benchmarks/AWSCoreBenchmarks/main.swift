// AWSCore benchmarks: each figure is reported next to a peer measured in the same run.
// - signing (SigningBenchmark.swift): signatures per second, next to botocore's SigV4Auth;
// - overhead (OverheadBenchmark.swift): per-call time against the emulator, next to boto3.
// `AWSCoreBenchmarks signing` or `AWSCoreBenchmarks overhead` runs one of them.
import Foundation

let only = CommandLine.arguments.dropFirst().first
var failed = false

if only == nil || only == "signing" {
    do {
        try await runSigningBenchmark()
    } catch {
        print("signing: failed — \(error)")
        failed = true
    }
}

if only == nil || only == "overhead" {
    do {
        try await runOverheadBenchmark()
    } catch {
        print("overhead: failed — \(error)")
        failed = true
    }
}

if failed { exit(1) }

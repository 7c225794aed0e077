import AWSCore
import Foundation

/// The AWS client's per-call cost against the emulator, next to boto3 making the same call in the same run.
///
/// Both clients call `DescribeEndpoint` on one emulator, sequentially, over keep-alive HTTP with SigV4; the
/// server-side work is identical, so the ratio of the medians compares the clients. The in-process figure
/// (recording transport, no network) isolates AWSCore's own work: build, sign, decode, retry bookkeeping.
func runOverheadBenchmark(calls: Int = 300, warmup: Int = 30) async throws {
    let root = benchmarkRepoRoot()
    let python =
        ProcessInfo.processInfo.environment["PODIUM_EMULATOR_PYTHON"].flatMap { $0.isEmpty ? nil : $0 }
        ?? root.appendingPathComponent(".venv/bin/python").path
    guard FileManager.default.isExecutableFile(atPath: python) else {
        print("overhead: skipped — no Python at \(python) (run `make venv`)")
        return
    }
    let emulator = try BenchmarkEmulator(python: python, root: root)
    defer { emulator.stop() }
    try emulator.seed()

    // AWSCore
    let transport = AsyncHTTPTransport()
    let client = AWSClient(
        region: "us-east-1",
        credentialProvider: AWSClient.FixedCredentials(
            AWSCredentials(accessKeyId: "AKIDBENCH", secretAccessKey: "bench")),
        endpoints: .url(emulator.url), transport: transport, readOnly: true)
    var swiftTimes: [Double] = []
    let clock = ContinuousClock()
    for i in 0..<(warmup + calls) {
        let start = clock.now
        let out = try await client.sageMaker.describeEndpoint(.init(endpointName: "bench"))
        let elapsed = clock.now - start
        precondition(out.endpointName == "bench")
        if i >= warmup { swiftTimes.append(elapsed.seconds) }
    }
    try await transport.shutdown()

    // boto3, same emulator, same call, same count.
    let botoTimes = try emulator.boto3Timings(calls: calls, warmup: warmup)

    // AWSCore in-process: the recording transport answers at once.
    let canned = RecordingTransport.json(
        #"{"EndpointName":"bench","EndpointArn":"arn:aws:sagemaker:us-east-1:123456789012:endpoint/bench","#
            + #""EndpointStatus":"InService","CreationTime":1700000000.0,"LastModifiedTime":1700000000.0,"#
            + #""ProductionVariants":[{"VariantName":"AllTraffic","CurrentWeight":1.0,"CurrentInstanceCount":1}]}"#)
    let offline = AWSClient(
        region: "us-east-1",
        credentialProvider: AWSClient.FixedCredentials(
            AWSCredentials(accessKeyId: "AKIDBENCH", secretAccessKey: "bench")),
        endpoints: .url(emulator.url), transport: canned, readOnly: true)
    var inProcess: [Double] = []
    for i in 0..<(warmup + calls) {
        let start = clock.now
        _ = try await offline.sageMaker.describeEndpoint(.init(endpointName: "bench"))
        if i >= warmup { inProcess.append((clock.now - start).seconds) }
        if i % 100 == 0 { await canned.clear() }
    }

    let swiftMedian = median(swiftTimes)
    let botoMedian = median(botoTimes)
    print("overhead: DescribeEndpoint against the emulator, \(calls) sequential calls each (after \(warmup) warm-up)")
    print(
        String(
            format: "  AWSCore (AsyncHTTPClient)  median %8.3f ms   p90 %8.3f ms", swiftMedian * 1000,
            percentile(swiftTimes, 0.9) * 1000))
    print(
        String(
            format: "  boto3 %@       median %8.3f ms   p90 %8.3f ms", emulator.botoVersion, botoMedian * 1000,
            percentile(botoTimes, 0.9) * 1000))
    print(String(format: "  ratio AWSCore / boto3 (median per call): %.2f", swiftMedian / botoMedian))
    print(
        String(
            format: "  AWSCore in-process (no network: build + sign + decode)  median %8.3f ms",
            median(inProcess) * 1000))
}

/// The repository root: `$PODIUM_REPO_ROOT`, the current directory if it holds `Emulator/`, else from this file.
func benchmarkRepoRoot() -> URL {
    if let root = ProcessInfo.processInfo.environment["PODIUM_REPO_ROOT"] { return URL(fileURLWithPath: root) }
    let cwd = URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
    if FileManager.default.fileExists(atPath: cwd.appendingPathComponent("Emulator/podium_emulator").path) {
        return cwd
    }
    return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
}

func median(_ values: [Double]) -> Double { percentile(values, 0.5) }

func percentile(_ values: [Double], _ p: Double) -> Double {
    guard !values.isEmpty else { return .nan }
    let sorted = values.sorted()
    let index = min(sorted.count - 1, max(0, Int((Double(sorted.count - 1) * p).rounded())))
    return sorted[index]
}

extension Duration {
    /// The duration in seconds as a `Double`.
    var seconds: Double {
        let (s, atto) = components
        return Double(s) + Double(atto) / 1e18
    }
}

/// An emulator process for the benchmark (the benchmark target cannot use the test-support target).
final class BenchmarkEmulator {
    let process = Process()
    let url: URL
    let python: String
    let root: URL
    private(set) var botoVersion = ""

    init(python: String, root: URL) throws {
        self.python = python
        self.root = root
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = ["-m", "Emulator.podium_emulator", "--host", "127.0.0.1", "--port", "0"]
        process.currentDirectoryURL = root
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Read lines until the READY line (the emulator prints it once it serves), bounded by a deadline.
        let deadline = Date().addingTimeInterval(60)
        var buffer = Data()
        var found: URL?
        while found == nil, Date() < deadline {
            let chunk = out.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            buffer.append(chunk)
            for line in String(decoding: buffer, as: UTF8.self).split(separator: "\n")
            where line.hasPrefix("PODIUM_EMULATOR_READY ") {
                found = URL(
                    string: String(line.dropFirst("PODIUM_EMULATOR_READY ".count)).trimmingCharacters(in: .whitespaces))
            }
        }
        guard let found else {
            process.terminate()
            throw BenchmarkError("the emulator did not print its READY line")
        }
        url = found
    }

    /// Creates the model, config and endpoint `bench` through boto3.
    func seed() throws {
        _ = try runPython(
            """
            import boto3, sys
            sm = boto3.client("sagemaker", endpoint_url=sys.argv[1], region_name="us-east-1",
                              aws_access_key_id="AKIDBENCH", aws_secret_access_key="bench")
            sm.create_model(ModelName="bench", ExecutionRoleArn="arn:aws:iam::123456789012:role/x",
                            PrimaryContainer={"Image": "img:1"})
            sm.create_endpoint_config(EndpointConfigName="bench", ProductionVariants=[{"VariantName": "AllTraffic",
                "ModelName": "bench", "InitialInstanceCount": 1, "InstanceType": "ml.m5.large"}])
            sm.create_endpoint(EndpointName="bench", EndpointConfigName="bench")
            """)
    }

    /// Runs DescribeEndpoint `warmup + calls` times in boto3 and returns the per-call seconds after warm-up.
    func boto3Timings(calls: Int, warmup: Int) throws -> [Double] {
        let output = try runPython(
            """
            import boto3, botocore, json, sys, time
            sm = boto3.client("sagemaker", endpoint_url=sys.argv[1], region_name="us-east-1",
                              aws_access_key_id="AKIDBENCH", aws_secret_access_key="bench")
            calls, warmup = int(sys.argv[2]), int(sys.argv[3])
            times = []
            for i in range(warmup + calls):
                start = time.perf_counter()
                out = sm.describe_endpoint(EndpointName="bench")
                elapsed = time.perf_counter() - start
                assert out["EndpointName"] == "bench"
                if i >= warmup:
                    times.append(elapsed)
            print(json.dumps({"version": boto3.__version__, "times": times}))
            """, arguments: [String(calls), String(warmup)])
        guard let object = try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any],
            let times = object["times"] as? [Double]
        else { throw BenchmarkError("unexpected boto3 output: \(output.prefix(200))") }
        botoVersion = object["version"] as? String ?? "?"
        return times
    }

    private func runPython(_ script: String, arguments: [String] = []) throws -> String {
        let child = Process()
        child.executableURL = URL(fileURLWithPath: python)
        child.arguments = ["-c", script, url.absoluteString] + arguments
        let out = Pipe()
        let err = Pipe()
        child.standardOutput = out
        child.standardError = err
        try child.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        let errors = err.fileHandleForReading.readDataToEndOfFile()
        child.waitUntilExit()
        guard child.terminationStatus == 0 else {
            throw BenchmarkError("python failed: \(String(decoding: errors, as: UTF8.self).suffix(400))")
        }
        return String(decoding: data, as: UTF8.self)
    }

    /// Stops the emulator by its PID: SIGTERM, then SIGKILL if it lingers.
    func stop() {
        guard process.isRunning else { return }
        process.terminate()
        let deadline = Date().addingTimeInterval(5)
        while process.isRunning, Date() < deadline { usleep(20_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }
}

/// A benchmark failure with a message.
struct BenchmarkError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

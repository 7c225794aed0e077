import AWSCore
import Foundation

/// SigV4 signatures per second, next to botocore's `SigV4Auth` signing the same request in the same run.
///
/// Both sides sign a SageMaker `DescribeEndpoint` awsJson 1.1 POST carrying a session token, including
/// building the request each time. botocore runs in a Python subprocess timing itself; its Authorization for
/// the fixed instant is compared with ours first, so the two really do the same work.
func runSigningBenchmark(seconds: Double = 2.0) async throws {
    let url = URL(string: "https://api.sagemaker.us-east-1.amazonaws.com/")!
    let body = #"{"EndpointName":"churn-model-prod"}"#
    let credentials = AWSCredentials(
        accessKeyId: "ASIABENCHEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
        sessionToken: "IQoJb3JpZ2luX2VjEXAMPLEtoken")
    let date = Date(timeIntervalSince1970: 1_795_748_645)  // 2026-11-27T03:04:05Z
    let signer = SigV4Signer(service: "sagemaker", region: "us-east-1")
    func makeRequest() -> HTTPRequest {
        HTTPRequest(
            method: "POST", url: url,
            headers: [
                ("Content-Type", "application/x-amz-json-1.1"), ("X-Amz-Target", "SageMaker.DescribeEndpoint"),
                ("User-Agent", "podium-bench"),
            ], body: Array(body.utf8))
    }
    let ourAuthorization = signer.sign(makeRequest(), credentials: credentials, date: date).header("Authorization")

    // AWSCore: sign in batches until `seconds` have passed.
    let clock = ContinuousClock()
    for _ in 0..<2_000 { _ = signer.sign(makeRequest(), credentials: credentials, date: date) }
    var signatures = 0
    var sink = 0
    let start = clock.now
    var elapsed = Duration.zero
    repeat {
        for _ in 0..<500 {
            sink &+= signer.sign(makeRequest(), credentials: credentials, date: date).headers.count
        }
        signatures += 500
        elapsed = clock.now - start
    } while elapsed < .seconds(seconds)
    let elapsedSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    let ours = Double(signatures) / elapsedSeconds
    print(
        String(
            format: "signing: AWSCore SigV4Signer  %10.0f signatures/s  (%d in %.2f s)", ours, signatures,
            elapsedSeconds))
    if sink == 0 { print("signing: (sink \(sink))") }

    // botocore in a subprocess, same request, same instant, same duration.
    guard let python = signingBenchmarkPython() else {
        print("signing: botocore peer skipped — no Python with botocore (run `make venv`)")
        return
    }
    let peer = try runBotocorePeer(python: python, seconds: seconds)
    guard let peerAuthorization = peer["authorization"] as? String, let peerRate = peer["rate"] as? Double,
        let peerCount = peer["count"] as? Int, let version = peer["botocore"] as? String
    else {
        print("signing: botocore peer gave unexpected output: \(peer)")
        return
    }
    print(String(format: "signing: botocore %@ SigV4Auth %10.0f signatures/s  (%d)", version, peerRate, peerCount))
    print("signing: same Authorization as botocore: \(peerAuthorization == ourAuthorization ? "yes" : "NO")")
    print(String(format: "signing: ratio AWSCore / botocore = %.1fx", ours / peerRate))
}

/// `$PODIUM_EMULATOR_PYTHON`, `<repo>/.venv/bin/python`, or `python3` on PATH.
private func signingBenchmarkPython() -> String? {
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    let candidates = [
        ProcessInfo.processInfo.environment["PODIUM_EMULATOR_PYTHON"],
        root.appendingPathComponent(".venv/bin/python").path,
    ].compactMap { $0 }.filter { !$0.isEmpty }
    for candidate in candidates where FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
    for directory in (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":") {
        let path = "\(directory)/python3"
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
}

private let botocorePeerScript = #"""
    import datetime, json, sys, time
    import botocore, botocore.auth
    from botocore.auth import SigV4Auth
    from botocore.awsrequest import AWSRequest
    from botocore.credentials import Credentials

    seconds = float(sys.argv[1])
    stamp = datetime.datetime(2026, 11, 27, 3, 4, 5)
    botocore.auth.get_current_datetime = lambda: stamp  # a plain function: no mock overhead in the loop
    credentials = Credentials("ASIABENCHEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", "IQoJb3JpZ2luX2VjEXAMPLEtoken")
    signer = SigV4Auth(credentials, "sagemaker", "us-east-1")
    body = b'{"EndpointName":"churn-model-prod"}'

    def make():
        return AWSRequest(method="POST", url="https://api.sagemaker.us-east-1.amazonaws.com/", data=body,
                          headers={"Content-Type": "application/x-amz-json-1.1",
                                   "X-Amz-Target": "SageMaker.DescribeEndpoint", "User-Agent": "podium-bench"})

    first = make()
    signer.add_auth(first)
    for _ in range(500):
        signer.add_auth(make())
    count = 0
    start = time.perf_counter()
    while True:
        for _ in range(200):
            signer.add_auth(make())
        count += 200
        elapsed = time.perf_counter() - start
        if elapsed >= seconds:
            break
    print(json.dumps({"authorization": first.headers["Authorization"], "rate": count / elapsed, "count": count,
                      "botocore": botocore.__version__}))
    """#

private func runBotocorePeer(python: String, seconds: Double) throws -> [String: Any] {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = ["-c", botocorePeerScript, String(seconds)]
    let output = Pipe()
    process.standardOutput = output
    process.standardError = FileHandle.standardError
    try process.run()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    guard process.terminationStatus == 0,
        let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
    else {
        throw SigningBenchmarkError(reason: "botocore peer exited with \(process.terminationStatus)")
    }
    return object
}

private struct SigningBenchmarkError: Error, CustomStringConvertible {
    let reason: String
    var description: String { reason }
}

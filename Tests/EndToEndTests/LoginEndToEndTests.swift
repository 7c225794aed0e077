import Foundation
import PodiumTestSupport
import Testing

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `podium login` end to end: the real binary against the emulator's IAM Identity Center, the test confirming
/// the code as a user would in the browser; then a podium command on those SSO credentials, botocore using the
/// token podium cached, and an expired session giving the sign-in error.
@Suite("podium login (SSO) end to end", .serialized)
struct LoginEndToEndTests {
    static let awsConfig = """
        [profile dev]
        sso_session = corp
        sso_account_id = 111111111111
        sso_role_name = PodiumPromoter
        region = us-east-1

        [sso-session corp]
        sso_start_url = https://corp.awsapps.com/start
        sso_region = eu-west-1
        sso_registration_scopes = sso:account:access
        """

    static let podiumConfig = """
        registry: { region: us-east-1, credentials: { profile: dev } }
        environments:
          - name: dev
            region: us-east-1
            credentials: { profile: dev }
            endpoints:
              - { name: churn-dev, model_package_group: churn, instance_type: ml.m5.large, instance_count: 1 }
        """

    /// A second environment on the same SSO profile (appended to `podiumConfig`).
    static let secondEnvironment = """

          - name: staging
            region: us-east-1
            credentials: { profile: dev }
            endpoints:
              - { name: churn-staging, model_package_group: churn, instance_type: ml.m5.large, instance_count: 1 }
        """

    /// One call to the emulator's control API.
    static func control(_ emulator: EmulatorProcess, _ method: String, _ path: String, _ body: String? = nil)
        async throws -> Any
    {
        var request = URLRequest(url: emulator.endpoint.appendingPathComponent(path))
        request.httpMethod = method
        request.httpBody = body.map { Data($0.utf8) }
        let (data, _) = try await URLSession.shared.data(for: request)
        return try JSONSerialization.jsonObject(with: data)
    }

    /// The cached token file as a dictionary.
    static func readToken(_ path: String) throws -> [String: String] {
        try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: path))) as? [String: String])
    }

    /// Rewrites the cached token with its expiry `seconds` from now (as the clock would bring it there).
    static func writeToken(_ path: String, _ token: [String: String], expiresIn seconds: TimeInterval) throws {
        var token = token
        token["expiresAt"] = ISO8601DateFormatter().string(from: Date().addingTimeInterval(seconds))
        try JSONSerialization.data(withJSONObject: token).write(to: URL(fileURLWithPath: path))
    }

    /// The user code of the one pending device authorization, polled for with a deadline.
    static func pendingUserCode(_ emulator: EmulatorProcess) async throws -> String? {
        let deadline = ContinuousClock.now + .seconds(60)
        while ContinuousClock.now < deadline {
            let answer = try await control(emulator, "GET", "_podium/sso/device-authorizations") as? [String: Any]
            let pending = (answer?["device_authorizations"] as? [[String: Any]] ?? []).filter {
                $0["status"] as? String == "pending"
            }
            if let code = pending.first?["user_code"] as? String { return code }
            try await Task.sleep(for: .milliseconds(20))
        }
        return nil
    }

    @Test(
        "login prints the URL and code, caches a 0600 token; status and botocore then use it; an expired session asks to sign in again"
    )
    func loginThenUse() async throws {
        let emulator = try await EmulatorProcess.start()
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "podium-login-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        do {
            let home = directory.appendingPathComponent("home")
            try FileManager.default.createDirectory(
                at: home.appendingPathComponent(".aws"), withIntermediateDirectories: true)
            try Self.awsConfig.write(to: home.appendingPathComponent(".aws/config"), atomically: true, encoding: .utf8)
            let configPath = directory.appendingPathComponent("podium.yaml").path
            try Self.podiumConfig.write(toFile: configPath, atomically: true, encoding: .utf8)
            let environment = [
                "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin", "HOME": home.path,
                "XDG_STATE_HOME": directory.appendingPathComponent("state").path,
                "XDG_CONFIG_HOME": directory.appendingPathComponent("xdg").path,
                "AWS_ENDPOINT_URL": emulator.endpoint.absoluteString,
            ]

            // 1. podium login, confirmed through the control API as the user would in the browser.
            let login = try ProcessRunner.start(
                CLITestWorld.podium, ["login", "--profile", "dev"], environment: environment)
            let userCode = try #require(try await Self.pendingUserCode(emulator))
            _ = try await Self.control(emulator, "POST", "_podium/sso/approve", #"{"user_code": "\#(userCode)"}"#)
            let result = await login.wait()
            #expect(result.code == 0, "stderr: \(result.stderr)")
            #expect(
                result.stdout.contains("\(emulator.endpoint.absoluteString)/_podium/sso/device?user_code=\(userCode)"))
            #expect(result.stdout.contains("code: \(userCode)"))
            #expect(result.stdout.contains("Signed in."))
            // sha1("corp"), the name botocore gives the session's cache file.
            let tokenPath = home.appendingPathComponent(".aws/sso/cache/ee0bfd2552fbd840c02cc48b6e823320543c450f.json")
                .path
            let attributes = try FileManager.default.attributesOfItem(atPath: tokenPath)
            #expect((attributes[.posixPermissions] as? NSNumber)?.intValue == 0o600)

            // 1b. A second login reuses the client registration the first cached where the AWS CLI keeps it (the SHA-1
            //     of its key for session corp, eu-west-1, sso:account:access): the emulator saw one RegisterClient.
            let registrationPath = home.appendingPathComponent(
                ".aws/sso/cache/787ef34d0a944c01385765faa28b5e67d1c08f33.json"
            ).path
            let registrationMode = try FileManager.default.attributesOfItem(atPath: registrationPath)[.posixPermissions]
            #expect((registrationMode as? NSNumber)?.intValue == 0o600)
            let again = try ProcessRunner.start(
                CLITestWorld.podium, ["login", "--profile", "dev"], environment: environment)
            let secondCode = try #require(try await Self.pendingUserCode(emulator))
            _ = try await Self.control(emulator, "POST", "_podium/sso/approve", #"{"user_code": "\#(secondCode)"}"#)
            let second = await again.wait()
            #expect(second.code == 0, "stderr: \(second.stderr)")
            let clients = try await Self.control(emulator, "GET", "_podium/sso/clients") as? [String: Any]
            let registered = clients?["clients"] as? [[String: Any]] ?? []
            #expect(registered.count == 1)
            let authorizations =
                try await Self.control(emulator, "GET", "_podium/sso/device-authorizations") as? [String: Any]
            let codes = authorizations?["device_authorizations"] as? [[String: Any]] ?? []
            let used = Set(codes.compactMap { $0["client_id"] as? String })
            #expect(codes.count == 2 && used == Set(registered.compactMap { $0["client_id"] as? String }))

            // 2. A podium command on the SSO credentials acts in account 111111111111.
            let status = try await CLITestWorld.run(
                CLITestWorld.podium, ["status", "--json", "--config", configPath], environment: environment)
            #expect(status.code == 0, "stderr: \(status.stderr)")
            #expect(status.stdout.contains("\"endpoint\" : \"churn-dev\""))
            let requests = try await emulator.requests()
            let roleCalls = requests.filter { $0.operation == "GetRoleCredentials" }
            #expect(roleCalls.count >= 1 && roleCalls.allSatisfy { $0.status == 200 && $0.account == "111111111111" })
            let listed = try #require(requests.first { $0.operation == "ListEndpoints" })
            #expect(listed.status == 200 && listed.account == "111111111111")

            // 3. botocore (the AWS CLI's engine) uses the token podium cached: its SSO provider gets role credentials.
            let boto = try await CLITestWorld.run(
                pythonPath.path,
                [
                    "-c",
                    "import boto3; print(boto3.Session(profile_name='dev').client('sts', region_name='us-east-1')"
                        + ".get_caller_identity()['Account'])",
                ], environment: environment)
            #expect(boto.code == 0, "stderr: \(boto.stderr)")
            #expect(boto.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == "111111111111")

            // 4. With 12 minutes left, botocore refreshes podium's token (podium's registration and refresh token),
            //    and podium reads what botocore wrote back.
            let original = try Self.readToken(tokenPath)
            try Self.writeToken(tokenPath, original, expiresIn: 12 * 60)
            let botoRefresh = try await CLITestWorld.run(
                pythonPath.path,
                [
                    "-c",
                    "import boto3; print(boto3.Session(profile_name='dev').client('sts', region_name='us-east-1')"
                        + ".get_caller_identity()['Account'])",
                ], environment: environment)
            #expect(botoRefresh.code == 0, "stderr: \(botoRefresh.stderr)")
            let refreshed = try Self.readToken(tokenPath)
            #expect(refreshed["accessToken"] != original["accessToken"])
            #expect(refreshed["refreshToken"] != original["refreshToken"])
            #expect(refreshed["clientId"] == original["clientId"])
            let afterBoto = try await CLITestWorld.run(
                CLITestWorld.podium, ["status", "--json", "--config", configPath], environment: environment)
            #expect(afterBoto.code == 0, "stderr: \(afterBoto.stderr)")

            // 5. The session ends (refresh token expired) with 5 minutes left on the token: a clear sign-in error.
            try Self.writeToken(tokenPath, refreshed, expiresIn: 5 * 60)
            _ = try await Self.control(emulator, "POST", "_podium/sso/expire-refresh-tokens")
            // Two environments behind the one expired session: the error is printed once, naming both.
            let twoPath = directory.appendingPathComponent("podium-two.yaml").path
            try (Self.podiumConfig + Self.secondEnvironment).write(toFile: twoPath, atomically: true, encoding: .utf8)
            let expired = try await CLITestWorld.run(
                CLITestWorld.podium, ["status", "--json", "--config", twoPath], environment: environment)
            #expect(expired.code == 1)
            #expect(expired.stderr.contains("SSO sign-in needed for profile \"dev\" (sso-session \"corp\")"))
            #expect(expired.stderr.contains("Run `podium login --profile dev`"))
            #expect(!expired.stderr.lowercased().contains("connect"))
            let signInLines = expired.stderr.split(separator: "\n").filter { $0.contains("SSO sign-in needed") }
            #expect(signInLines.count == 1, "stderr: \(expired.stderr)")
            #expect(signInLines.first?.contains("dev, staging: ") == true, "stderr: \(expired.stderr)")
        } catch {
            await emulator.stop()
            throw error
        }
        await emulator.stop()
    }

    @Test("login for a profile that is not an SSO profile is a usage error; an unreachable SSO-OIDC is named")
    func notSSOProfile() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "podium-login-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: directory) }
        let home = directory.appendingPathComponent("home")
        try FileManager.default.createDirectory(
            at: home.appendingPathComponent(".aws"), withIntermediateDirectories: true)
        try "[profile plain]\nregion = us-east-1\n".write(
            to: home.appendingPathComponent(".aws/config"), atomically: true, encoding: .utf8)
        let result = try await CLITestWorld.run(
            CLITestWorld.podium, ["login", "--profile", "plain"],
            environment: ["PATH": "/usr/bin:/bin", "HOME": home.path, "AWS_ENDPOINT_URL": "http://127.0.0.1:9"])
        #expect(result.code == 2)
        #expect(result.stderr.contains("profile \"plain\""))
        #expect(result.stderr.contains("not an SSO profile"))

        // An SSO profile with IAM Identity Center out of reach: the network is named, exit 1.
        try Self.awsConfig.write(to: home.appendingPathComponent(".aws/config"), atomically: true, encoding: .utf8)
        let unreachable = try await CLITestWorld.run(
            CLITestWorld.podium, ["login", "--profile", "dev"],
            environment: ["PATH": "/usr/bin:/bin", "HOME": home.path, "AWS_ENDPOINT_URL": "http://127.0.0.1:9"])
        #expect(unreachable.code == 1)
        #expect(unreachable.stderr.contains("cannot reach IAM Identity Center (SSO-OIDC) at http://127.0.0.1:9"))
    }
}

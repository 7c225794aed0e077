import Foundation
import Testing

@testable import AWSCore

@Suite("Credential sources: environment, credential_process, ECS, IMDSv2")
struct CredentialsSourceTests {
    // MARK: - Environment

    @Test("Environment keys, session token, legacy token and expiration")
    func environment() async throws {
        let clock = AuthTestClock()
        var provider = EnvironmentCredentialProvider(
            environment: inMemoryEnvironment([
                "AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "envsecret", "AWS_SESSION_TOKEN": "envtoken",
                "AWS_CREDENTIAL_EXPIRATION": "2027-01-15T10:00:00Z",
            ]), now: clock.function)
        let credentials = try await provider.getCredentials()
        #expect(credentials.accessKeyId == "AKIAENV")
        #expect(credentials.secretAccessKey == "envsecret")
        #expect(credentials.sessionToken == "envtoken")
        #expect(credentials.expiration == ISO8601DateFormatter().date(from: "2027-01-15T10:00:00Z"))

        provider = EnvironmentCredentialProvider(
            environment: inMemoryEnvironment([
                "AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "envsecret", "AWS_SECURITY_TOKEN": "legacy",
            ]), now: clock.function)
        #expect(try await provider.getCredentials().sessionToken == "legacy")
    }

    @Test("Half-set, expired or malformed environment credentials are clear errors without the secret")
    func environmentErrors() async throws {
        let clock = AuthTestClock()
        let cases: [([String: String], String)] = [
            (["AWS_SECRET_ACCESS_KEY": "envsecret"], "AWS_ACCESS_KEY_ID"),
            (["AWS_ACCESS_KEY_ID": "AKIA"], "AWS_SECRET_ACCESS_KEY"),
            (
                [
                    "AWS_ACCESS_KEY_ID": "AKIA", "AWS_SECRET_ACCESS_KEY": "envsecret",
                    "AWS_CREDENTIAL_EXPIRATION": "soon",
                ],
                "AWS_CREDENTIAL_EXPIRATION"
            ),
            (
                [
                    "AWS_ACCESS_KEY_ID": "AKIA", "AWS_SECRET_ACCESS_KEY": "envsecret",
                    "AWS_CREDENTIAL_EXPIRATION": "2020-01-01T00:00:00Z",
                ], "expired"
            ),
        ]
        for (variables, mention) in cases {
            let provider = EnvironmentCredentialProvider(
                environment: inMemoryEnvironment(variables), now: clock.function)
            do {
                _ = try await provider.getCredentials()
                Issue.record("expected an error for \(variables.keys.sorted())")
            } catch {
                #expect("\(error)".contains(mention))
                #expect(!"\(error)".contains("envsecret"))
            }
        }
    }

    // MARK: - credential_process

    @Test("credential_process: Version 1 JSON with Expiration, run without a shell, quoted arguments kept")
    func processSuccess() async throws {
        let directory = try ConfigTempDirectory()
        defer { directory.remove() }
        let script = try directory.write(
            "bin/cred tool",
            """
            #!/bin/sh
            printf '{"Version": 1, "AccessKeyId": "ASIAPROC", "SecretAccessKey": "procsecret", '
            printf '"SessionToken": "proctoken", "Expiration": "2027-02-01T12:30:45.123Z", "Arg": "%s"}' "$1"
            """, executable: true)
        let provider = ProcessCredentialProvider(
            command: "\"\(script)\" 'two words'", profileName: "sso", environment: directory.environment())
        let credentials = try await provider.getCredentials()
        #expect(credentials.accessKeyId == "ASIAPROC")
        #expect(credentials.sessionToken == "proctoken")
        #expect(credentials.expiration != nil)
    }

    @Test("credential_process: a failing command's status is in the error; its stderr goes to stderr, never the error")
    func processFailure() async throws {
        let directory = try ConfigTempDirectory()
        defer { directory.remove() }
        let script = try directory.write(
            "fail.sh", "#!/bin/sh\necho 'Error loading SSO Token: MARKER-7f3a, run aws sso login' >&2\nexit 3\n",
            executable: true)
        let shown = directory.url.appendingPathComponent("stderr.txt").path
        let fd = open(shown, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        #expect(fd >= 0)
        defer { close(fd) }
        let provider = ProcessCredentialProvider(
            command: "/bin/sh \(script)", profileName: "sso-dev", environment: directory.environment(),
            stderrDescriptor: fd)
        do {
            _ = try await provider.getCredentials()
            Issue.record("expected a failure")
        } catch let error as CredentialProviderError {
            #expect(
                error
                    == .processFailed(
                        profile: "sso-dev",
                        reason: "exited with status 3 (its own messages, if any, are on stderr above)", stderr: ""))
            #expect(!"\(error)".contains("MARKER-7f3a") && !error.description.contains("MARKER-7f3a"))
        }
        // Shown where the user looks at the time it happened.
        #expect(try String(contentsOfFile: shown, encoding: .utf8).contains("MARKER-7f3a"))
    }

    @Test(
        "credential_process: invalid output is refused with the reason",
        arguments: [
            ("not json at all", "not JSON"),
            ("[1,2]", "not an object"),
            ("{\"Version\": 2, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"procsecret\"}", "\"Version\" must be 1"),
            ("{\"Version\": 1, \"SecretAccessKey\": \"procsecret\"}", "AccessKeyId is missing"),
            (
                "{\"Version\": 1, \"AccessKeyId\": \"A\", \"SecretAccessKey\": \"procsecret\", \"Expiration\": \"tomorrow\"}",
                "Expiration"
            ),
            ("", "empty output"),
        ])
    func processInvalidOutput(output: String, reason: String) async throws {
        let directory = try ConfigTempDirectory()
        defer { directory.remove() }
        try directory.write("out.json", output)
        let script = try directory.write(
            "print.sh", "#!/bin/sh\ncat \"$(dirname \"$0\")/out.json\"\n", executable: true)
        let provider = ProcessCredentialProvider(
            command: "/bin/sh \(script)", profileName: "p", environment: directory.environment())
        do {
            _ = try await provider.getCredentials()
            Issue.record("expected invalid output")
        } catch let error as CredentialProviderError {
            guard case .invalidProcessOutput(let profile, let message) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(profile == "p")
            #expect(message.contains(reason))
            #expect(!error.description.contains("procsecret"))
        }
    }

    @Test("credential_process: a hanging command is stopped at the timeout")
    func processTimeout() async throws {
        let directory = try ConfigTempDirectory()
        defer { directory.remove() }
        // `cat` with stdin at /dev/null would exit at once; block on a FIFO nobody writes to instead.
        let fifo = directory.url.appendingPathComponent("never").path
        #expect(mkfifo(fifo, 0o600) == 0)
        let script = try directory.write(
            "hang.sh", "#!/bin/sh\necho waiting >&2\nexec cat \"\(fifo)\"\n", executable: true)
        let provider = ProcessCredentialProvider(
            command: "/bin/sh \(script)", profileName: "slow", environment: directory.environment(),
            timeout: .milliseconds(300))
        do {
            _ = try await provider.getCredentials()
            Issue.record("expected a timeout")
        } catch let error as CredentialProviderError {
            guard case .processFailed(_, let reason, let stderr) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(reason.contains("timed out"))
            #expect(stderr.isEmpty)
        }
    }

    @Test("credential_process: a command that does not exist")
    func processMissing() async throws {
        let provider = ProcessCredentialProvider(
            command: "/nonexistent/podium-cred-helper --x", profileName: "p", environment: inMemoryEnvironment())
        await #expect(throws: CredentialProviderError.self) { try await provider.getCredentials() }
    }

    @Test("Command lines split like a POSIX shell")
    func splitting() throws {
        #expect(
            try CredentialProcessRunner.split("aws configure export-credentials --profile dev --format process")
                == ["aws", "configure", "export-credentials", "--profile", "dev", "--format", "process"])
        #expect(
            try CredentialProcessRunner.split(#""/opt/my tool/bin" --name 'a b' c\ d "e\"f""#)
                == ["/opt/my tool/bin", "--name", "a b", "c d", "e\"f"])
        #expect(throws: CredentialProcessRunner.LaunchFailure.self) { try CredentialProcessRunner.split("tool 'open") }
    }

    // MARK: - ECS

    static let containerJSON = """
        {"AccessKeyId": "ASIAECS", "SecretAccessKey": "ecssecret", "Token": "ecstoken",
         "Expiration": "2027-03-01T00:00:00Z", "RoleArn": "arn:aws:iam::123456789012:role/task"}
        """

    @Test("ECS relative URI, with the authorization token file re-read on every fetch")
    func containerRelative() async throws {
        let transport = RecordingTransport(fallback: { _ in
            .response(HTTPResponse(status: 200, body: Array(CredentialsSourceTests.containerJSON.utf8)))
        })
        let directory = try ConfigTempDirectory()
        defer { directory.remove() }
        let tokenFile = try directory.write("token", "first-token\n")
        let provider = ContainerCredentialProvider(
            environment: directory.environment([
                "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/credentials/abc",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE": tokenFile, "AWS_CONTAINER_AUTHORIZATION_TOKEN": "ignored",
            ]), transport: transport)
        let credentials = try await provider.getCredentials()
        #expect(credentials.accessKeyId == "ASIAECS")
        #expect(credentials.sessionToken == "ecstoken")
        try directory.write("token", "second-token")
        _ = try await provider.getCredentials()
        let requests = await transport.requests
        #expect(
            requests.map(\.url.absoluteString) == Array(repeating: "http://169.254.170.2/v2/credentials/abc", count: 2))
        #expect(requests.map { $0.header("Authorization") } == ["first-token", "second-token"])
        #expect(requests.allSatisfy { $0.method == "GET" })
    }

    @Test("ECS full URI: https anywhere, http only to loopback or the ECS/EKS hosts")
    func containerFullURI() async throws {
        let transport = RecordingTransport(fallback: { _ in
            .response(HTTPResponse(status: 200, body: Array(CredentialsSourceTests.containerJSON.utf8)))
        })
        for allowed in [
            "http://127.0.0.1:51679/creds", "http://localhost/creds", "http://169.254.170.23/v1/credentials",
            "https://creds.example.com/x", "http://[::1]:8080/c",
        ] {
            let provider = ContainerCredentialProvider(
                environment: inMemoryEnvironment([
                    "AWS_CONTAINER_CREDENTIALS_FULL_URI": allowed, "AWS_CONTAINER_AUTHORIZATION_TOKEN": "tok",
                ]), transport: transport)
            #expect(try await provider.getCredentials().accessKeyId == "ASIAECS", "\(allowed)")
        }
        #expect(await transport.requests.allSatisfy { $0.header("Authorization") == "tok" })
        for refused in ["http://10.0.0.5/creds", "http://evil.example.com/creds", "file:///etc/passwd"] {
            let provider = ContainerCredentialProvider(
                environment: inMemoryEnvironment(["AWS_CONTAINER_CREDENTIALS_FULL_URI": refused]), transport: transport)
            await #expect(throws: CredentialProviderError.self, "\(refused)") { try await provider.getCredentials() }
        }
    }

    @Test("ECS errors: HTTP status, garbage body, connection refused, header injection in the token")
    func containerErrors() async throws {
        let environment = inMemoryEnvironment(["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/x"])
        let cases: [(RecordingTransport.Reply, String)] = [
            (.response(HTTPResponse(status: 500, body: Array("boom".utf8))), "HTTP 500"),
            (.response(HTTPResponse(status: 200, body: Array("<html>".utf8))), "not JSON"),
            (.failure(.connectFailed("connection refused")), "cannot connect"),
        ]
        for (reply, message) in cases {
            let provider = ContainerCredentialProvider(
                environment: environment, transport: RecordingTransport(script: [reply]))
            do {
                _ = try await provider.getCredentials()
                Issue.record("expected an error")
            } catch {
                #expect("\(error)".contains(message))
            }
        }
        let injected = ContainerCredentialProvider(
            environment: inMemoryEnvironment([
                "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/x",
                "AWS_CONTAINER_AUTHORIZATION_TOKEN": "a\r\nX-Evil: 1",
            ]), transport: RecordingTransport())
        await #expect(throws: CredentialProviderError.self) { try await injected.getCredentials() }
    }

    // MARK: - IMDS

    static func imdsTransport(tokenStatus: Int = 200, roleStatus: Int = 200, code: String = "Success")
        -> RecordingTransport
    {
        RecordingTransport(fallback: { imdsReply($0, tokenStatus: tokenStatus, roleStatus: roleStatus, code: code) })
    }

    /// The instance metadata service's answer to one request.
    static func imdsReply(
        _ request: HTTPRequest, tokenStatus: Int = 200, roleStatus: Int = 200, code: String = "Success"
    ) -> RecordingTransport.Reply {
        let path = request.url.path
        if path == "/latest/api/token" {
            return .response(HTTPResponse(status: tokenStatus, body: Array("imds-session-token".utf8)))
        }
        if path == "/latest/meta-data/iam/security-credentials/" || path == "/latest/meta-data/iam/security-credentials"
        {
            return .response(HTTPResponse(status: roleStatus, body: Array("podium-instance-role\n".utf8)))
        }
        if path == "/latest/meta-data/iam/security-credentials/podium-instance-role" {
            let json = """
                {"Code": "\(code)", "LastUpdated": "2026-11-27T01:00:00Z", "Type": "AWS-HMAC",
                 "AccessKeyId": "ASIAIMDS", "SecretAccessKey": "imdssecret", "Token": "imdstoken",
                 "Expiration": "2030-01-01T07:00:00Z"}
                """
            return .response(HTTPResponse(status: 200, body: Array(json.utf8)))
        }
        return .response(HTTPResponse(status: 404))
    }

    @Test("IMDSv2: token PUT with TTL, then role and credential GETs carrying the token")
    func imdsV2() async throws {
        let transport = Self.imdsTransport()
        let provider = InstanceMetadataCredentialProvider(environment: inMemoryEnvironment(), transport: transport)
        let credentials = try await provider.getCredentials()
        #expect(credentials.accessKeyId == "ASIAIMDS")
        #expect(credentials.sessionToken == "imdstoken")
        #expect(credentials.expiration == ISO8601DateFormatter().date(from: "2030-01-01T07:00:00Z"))
        let requests = await transport.requests
        #expect(requests.map(\.method) == ["PUT", "GET", "GET"])
        #expect(
            requests.map(\.url.absoluteString) == [
                "http://169.254.169.254/latest/api/token",
                "http://169.254.169.254/latest/meta-data/iam/security-credentials/",
                "http://169.254.169.254/latest/meta-data/iam/security-credentials/podium-instance-role",
            ])
        #expect(requests[0].header("x-aws-ec2-metadata-token-ttl-seconds") == "21600")
        #expect(requests[0].header("x-aws-ec2-metadata-token") == nil)
        #expect(requests[1].header("x-aws-ec2-metadata-token") == "imds-session-token")
        #expect(requests[2].header("x-aws-ec2-metadata-token") == "imds-session-token")
        #expect(await transport.timeouts.allSatisfy { $0.connect == .seconds(1) && $0.read == .seconds(1) })
    }

    @Test("IMDS honours AWS_EC2_METADATA_SERVICE_ENDPOINT and the IPv6 endpoint mode")
    func imdsEndpoint() async throws {
        let transport = Self.imdsTransport()
        let custom = InstanceMetadataCredentialProvider(
            environment: inMemoryEnvironment(["AWS_EC2_METADATA_SERVICE_ENDPOINT": "http://127.0.0.1:1338/"]),
            transport: transport)
        _ = try await custom.getCredentials()
        #expect(
            await transport.requests.allSatisfy { $0.url.absoluteString.hasPrefix("http://127.0.0.1:1338/latest/") })
        let ipv6 = InstanceMetadataCredentialProvider(
            environment: inMemoryEnvironment(["AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE": "IPv6"]), transport: transport)
        #expect(ipv6.endpoint == "http://[fd00:ec2::254]")
    }

    @Test("AWS_EC2_METADATA_DISABLED stops IMDS before any request")
    func imdsDisabled() async throws {
        let transport = Self.imdsTransport()
        let provider = InstanceMetadataCredentialProvider(
            environment: inMemoryEnvironment(["AWS_EC2_METADATA_DISABLED": "true"]), transport: transport)
        await #expect(throws: CredentialProviderError.self) { try await provider.getCredentials() }
        #expect(await transport.requests.isEmpty)
    }

    @Test("A token PUT answered 403 falls back to IMDSv1 unless v1 is disabled")
    func imdsV1Fallback() async throws {
        let transport = Self.imdsTransport(tokenStatus: 403)
        let provider = InstanceMetadataCredentialProvider(environment: inMemoryEnvironment(), transport: transport)
        #expect(try await provider.getCredentials().accessKeyId == "ASIAIMDS")
        #expect(await transport.requests.dropFirst().allSatisfy { $0.header("x-aws-ec2-metadata-token") == nil })

        let strict = InstanceMetadataCredentialProvider(
            environment: inMemoryEnvironment(["AWS_EC2_METADATA_V1_DISABLED": "true"]),
            transport: Self.imdsTransport(tokenStatus: 403))
        await #expect(throws: CredentialProviderError.self) { try await strict.getCredentials() }
    }

    @Test("IMDS errors: no role attached, a failed Code, unreachable endpoint")
    func imdsErrors() async throws {
        let noRole = InstanceMetadataCredentialProvider(
            environment: inMemoryEnvironment(), transport: Self.imdsTransport(roleStatus: 404))
        do {
            _ = try await noRole.getCredentials()
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("no IAM role attached"))
        }
        let failedCode = InstanceMetadataCredentialProvider(
            environment: inMemoryEnvironment(), transport: Self.imdsTransport(code: "AssumeRoleUnauthorizedAccess"))
        await #expect(throws: CredentialProviderError.self) { try await failedCode.getCredentials() }
        let unreachable = InstanceMetadataCredentialProvider(
            environment: inMemoryEnvironment(),
            transport: RecordingTransport(script: [.failure(.timedOut("connect timeout"))]))
        do {
            _ = try await unreachable.getCredentials()
            Issue.record("expected an error")
        } catch {
            #expect("\(error)".contains("timed out"))
            #expect("\(error)".contains("169.254.169.254"))
        }
    }
}

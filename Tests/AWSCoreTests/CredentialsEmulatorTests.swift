import AWSCore
import Foundation
import PodiumTestSupport
import Testing

/// End to end: the credential chain against the emulator over real HTTP, with real SigV4 (IAM enforcement on).
@Suite("Credentials end to end against the emulator", .serialized)
struct CredentialsEmulatorTests {
    static let targetAccount = "222222222222"

    static let callerPolicy = """
        {"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": ["sts:AssumeRole", "sts:GetCallerIdentity"], "Resource": "*"}]}
        """

    /// Runs `body` with a fresh emulator, stopping it by PID afterwards whatever happens.
    func withEmulator(_ body: (EmulatorProcess) async throws -> Void) async throws {
        let emulator = try await EmulatorProcess.start()
        do {
            try await body(emulator)
        } catch {
            await emulator.stop()
            throw error
        }
        await emulator.stop()
    }

    @Test("role_arn + source_profile: AssumeRole into 222222222222 acts in that account (IAM enforced)")
    func assumeRoleIntoOtherAccount() async throws {
        try await withEmulator { emulator in
            try await emulator.enableIAM()
            let user = try await emulator.createIAMUser(name: "podium-auth-e2e", policyJSON: Self.callerPolicy)
            let roleArn = try await emulator.createIAMRole(
                name: "podium-deployer", account: Self.targetAccount, policyJSON: Self.callerPolicy)
            #expect(roleArn == "arn:aws:iam::222222222222:role/podium-deployer")

            let home = try ConfigTempDirectory()
            defer { home.remove() }
            try home.write(
                ".aws/config",
                """
                [profile deploy]
                role_arn = \(roleArn)
                source_profile = base
                role_session_name = e2e-session
                duration_seconds = 3600
                region = us-east-1
                """)
            try home.write(
                ".aws/credentials",
                "[base]\naws_access_key_id = \(user.accessKeyId)\naws_secret_access_key = \(user.secretAccessKey)\n")
            let factory = CredentialProviderFactory(
                environment: home.environment([
                    "AWS_PROFILE": "deploy", "AWS_ENDPOINT_URL": emulator.endpoint.absoluteString,
                    "AWS_EC2_METADATA_DISABLED": "true",
                ]), transport: AsyncHTTPTransport.shared)
            let provider = factory.makeProvider(.defaultChain)
            let credentials = try await provider.getCredentials()
            #expect(credentials.accessKeyId != user.accessKeyId)
            #expect(credentials.sessionToken != nil)
            #expect(credentials.expiration != nil)

            let sts = STSClient(region: "us-east-1", credentialProvider: provider, endpoint: emulator.endpoint)
            let identity = try await sts.getCallerIdentity()
            #expect(identity.account == Self.targetAccount)
            #expect(identity.arn?.contains("assumed-role/podium-deployer/e2e-session") == true)

            let log = try await emulator.requests().filter { $0.service == "sts" }
            #expect(log.map(\.operation) == ["AssumeRole", "GetCallerIdentity"])
            #expect(log.allSatisfy { $0.status == 200 })
            #expect(log.last?.account == Self.targetAccount)
        }
    }

    @Test("A wrong source secret fails AssumeRole with SignatureDoesNotMatch, named in the error")
    func wrongSecret() async throws {
        try await withEmulator { emulator in
            try await emulator.enableIAM()
            let user = try await emulator.createIAMUser(name: "podium-auth-bad", policyJSON: Self.callerPolicy)
            let factory = CredentialProviderFactory(
                environment: AWSEnvironment(
                    variables: [
                        "AWS_ACCESS_KEY_ID": user.accessKeyId, "AWS_SECRET_ACCESS_KEY": user.secretAccessKey + "x",
                        "AWS_ENDPOINT_URL": emulator.endpoint.absoluteString, "AWS_REGION": "us-east-1",
                    ], homeDirectory: nil), transport: AsyncHTTPTransport.shared)
            let provider = factory.makeProvider(.assumeRole(roleArn: "arn:aws:iam::222222222222:role/any"))
            do {
                _ = try await provider.getCredentials()
                Issue.record("expected AssumeRole to be refused")
            } catch {
                #expect("\(error)".contains("SignatureDoesNotMatch"))
                #expect("\(error)".contains("arn:aws:iam::222222222222:role/any"))
                #expect(!"\(error)".contains(user.secretAccessKey))
            }
        }
    }

    static let webIdentityRolePolicy = """
        {"Version": "2012-10-17", "Statement": [
          {"Effect": "Allow", "Action": ["sts:GetCallerIdentity", "sagemaker:ListEndpoints",
            "monitoring:DescribeAlarms"], "Resource": "*"}]}
        """

    @Test("Web identity from a token file (IAM enforced): unsigned AssumeRoleWithWebIdentity, acting in 222222222222")
    func webIdentity() async throws {
        try await withEmulator { emulator in
            // The role is created through the control API (not counted against auth), then enforcement goes on:
            // the unsigned AssumeRoleWithWebIdentity must be let through, and the session's signed calls verified.
            // That the call goes out unsigned is also checked with a recording transport in CredentialsProfileTests.
            let roleArn = try await emulator.createIAMRole(
                name: "github-actions", account: Self.targetAccount, policyJSON: Self.webIdentityRolePolicy)
            #expect(roleArn == "arn:aws:iam::222222222222:role/github-actions")
            try await emulator.enableIAM()

            let home = try ConfigTempDirectory()
            defer { home.remove() }
            let tokenFile = try home.write("gha-oidc-token", "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJyZXBvOnBvZGl1bSJ9.c2ln\n")
            let factory = CredentialProviderFactory(
                environment: home.environment([
                    "AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile, "AWS_ROLE_ARN": roleArn,
                    "AWS_ROLE_SESSION_NAME": "gha-run-7", "AWS_ENDPOINT_URL": emulator.endpoint.absoluteString,
                    "AWS_REGION": "us-east-1", "AWS_EC2_METADATA_DISABLED": "true",
                ]), transport: AsyncHTTPTransport.shared)
            let provider = factory.makeProvider(.defaultChain)
            let credentials = try await provider.getCredentials()
            #expect(credentials.sessionToken != nil)

            let aws = AWSClient(
                region: "us-east-1", credentialProvider: provider, endpoints: .url(emulator.endpoint), readOnly: true)
            let identity = try await aws.sts.getCallerIdentity()
            #expect(identity.account == Self.targetAccount)
            #expect(identity.arn?.contains("assumed-role/github-actions/gha-run-7") == true)
            let endpoints = try await aws.sageMaker.listEndpoints()
            #expect(endpoints.endpoints.isEmpty)
            _ = try await aws.cloudWatch.describeAlarms()

            let log = try await emulator.requests()
            #expect(
                log.map(\.operation) == [
                    "AssumeRoleWithWebIdentity", "GetCallerIdentity", "ListEndpoints", "DescribeAlarms",
                ])
            #expect(log.allSatisfy { $0.status == 200 }, "non-200 requests: \(log.filter { $0.status != 200 })")
            #expect(log.dropFirst().allSatisfy { $0.account == Self.targetAccount })
        }
    }

    @Test("Near expiry, 50 concurrent callers cause exactly one more AssumeRole")
    func fiftyCallersOneAssumeRole() async throws {
        try await withEmulator { emulator in
            let clock = AuthTestClock(Date())
            let factory = CredentialProviderFactory(
                environment: AWSEnvironment(
                    variables: [
                        "AWS_ACCESS_KEY_ID": "AKIAEMULATORSOURCE", "AWS_SECRET_ACCESS_KEY": "source-secret",
                        "AWS_ENDPOINT_URL": emulator.endpoint.absoluteString, "AWS_REGION": "us-east-1",
                    ], homeDirectory: nil), transport: AsyncHTTPTransport.shared, now: clock.function)
            let provider = factory.makeProvider(
                .assumeRole(roleArn: "arn:aws:iam::222222222222:role/refresh", sessionName: "refresh", duration: 3600))
            let first = try await provider.getCredentials()
            clock.advance(by: 3600 - 5 * 60)  // 5 minutes left: mandatory refresh

            let keys = try await withThrowingTaskGroup(of: String.self) { group in
                for _ in 0..<50 { group.addTask { try await provider.getCredentials().accessKeyId } }
                var keys: [String] = []
                for try await key in group { keys.append(key) }
                return keys
            }
            #expect(keys.count == 50)
            #expect(Set(keys).count == 1)
            #expect(keys.first != first.accessKeyId)
            let assumeRoles = try await emulator.requests().filter { $0.operation == "AssumeRole" }
            #expect(assumeRoles.count == 2, "one initial AssumeRole and one refresh for 50 callers")
        }
    }
}

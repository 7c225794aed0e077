import Foundation
import Testing

@testable import AWSCore

@Suite("Profiles, roles, web identity and the default chain")
struct CredentialsProfileTests {
    static let stsURL = "http://127.0.0.1:4599"

    /// A factory over an in-memory home with these files and variables, and a scripted STS/metadata transport.
    func factory(
        config: String = "", credentials: String = "", variables: [String: String] = [:],
        transport: RecordingTransport = RecordingTransport(), clock: AuthTestClock = AuthTestClock(),
        extraFiles: [String: String] = [:]
    ) -> CredentialProviderFactory {
        var files = extraFiles
        files["/home/tester/.aws/config"] = config
        files["/home/tester/.aws/credentials"] = credentials
        var environment = variables
        environment["AWS_ENDPOINT_URL_STS"] = environment["AWS_ENDPOINT_URL_STS"] ?? Self.stsURL
        return CredentialProviderFactory(
            environment: inMemoryEnvironment(environment, files: files), transport: transport, now: clock.function)
    }

    func error(of provider: any CredentialProvider) async -> (any Error)? {
        do {
            _ = try await provider.getCredentials()
            return nil
        } catch {
            return error
        }
    }

    // MARK: - Static keys and their precedence

    @Test("Credentials-file keys beat credential_process, which beats config-file keys")
    func staticPrecedence() async throws {
        let directory = try ConfigTempDirectory()
        defer { directory.remove() }
        let script = try directory.write(
            "proc.sh",
            "#!/bin/sh\necho '{\"Version\":1,\"AccessKeyId\":\"ASIAPROCESS\",\"SecretAccessKey\":\"s\"}'\n",
            executable: true)
        try directory.write(
            ".aws/config",
            """
            [profile both]
            credential_process = /bin/sh \(script)
            aws_access_key_id = AKIACONFIG
            aws_secret_access_key = c
            [profile processonly]
            credential_process = /bin/sh \(script)
            aws_access_key_id = AKIACONFIG
            aws_secret_access_key = c
            [profile configonly]
            aws_access_key_id = AKIACONFIG
            aws_secret_access_key = c
            aws_session_token = ctoken
            """)
        try directory.write(".aws/credentials", "[both]\naws_access_key_id = AKIACREDS\naws_secret_access_key = k\n")
        let factory = CredentialProviderFactory(environment: directory.environment(), transport: RecordingTransport())
        #expect(try await factory.makeProvider(.profile("both")).getCredentials().accessKeyId == "AKIACREDS")
        #expect(try await factory.makeProvider(.profile("processonly")).getCredentials().accessKeyId == "ASIAPROCESS")
        let configOnly = try await factory.makeProvider(.profile("configonly")).getCredentials()
        #expect(configOnly.accessKeyId == "AKIACONFIG")
        #expect(configOnly.sessionToken == "ctoken")
    }

    @Test("Incomplete keys name the profile, the file and the missing key, never the secret")
    func incompleteKeys() async throws {
        let factory = factory(credentials: "[half]\naws_secret_access_key = TOPSECRETVALUE\n")
        let failure = await error(of: factory.makeProvider(.profile("half")))
        #expect(
            failure as? CredentialProviderError
                == .incompleteProfile(
                    profile: "half", file: "/home/tester/.aws/credentials", missing: "aws_access_key_id"))
        #expect(!"\(failure!)".contains("TOPSECRETVALUE"))
    }

    @Test("An unknown profile lists the files searched; a profile without credentials says what it expects")
    func missingProfile() async throws {
        let factory = factory(config: "[profile empty]\nregion = eu-west-1\n")
        let missing = await error(of: factory.makeProvider(.profile("nope")))
        #expect(
            "\(missing!)".contains(
                "profile \"nope\" not found in /home/tester/.aws/config and /home/tester/.aws/credentials"))
        let empty = await error(of: factory.makeProvider(.profile("empty")))
        #expect(
            empty as? CredentialProviderError
                == .profileHasNoCredentials(profile: "empty", file: "/home/tester/.aws/config"))
    }

    @Test("A malformed config file surfaces as a configuration error with the line number")
    func malformedConfig() async throws {
        let factory = factory(config: "[profile x]\nthis line is wrong\n")
        let failure = await error(of: factory.makeProvider(.defaultChain))
        guard case .configuration(.malformedLine(let path, let line, _))? = failure as? CredentialProviderError else {
            Issue.record("unexpected \(String(describing: failure))")
            return
        }
        #expect(path == "/home/tester/.aws/config")
        #expect(line == 2)
    }

    @Test("SSO profiles are read natively; one missing its start URL says which key is missing and where")
    func ssoProfile() async throws {
        let factory = factory(
            config:
                "[profile sso]\nsso_session = corp\nsso_account_id = 1\n[sso-session corp]\nsso_region = us-east-1\n")
        let failure = await error(of: factory.makeProvider(.profile("sso")))
        #expect("\(failure!)".contains("sso_start_url (in [sso-session corp] or the profile) is missing"))
    }

    // MARK: - Roles

    @Test("role_arn + source_profile: AssumeRole signed with the source keys, with every profile option")
    func assumeRoleFromSourceProfile() async throws {
        let clock = AuthTestClock()
        let transport = RecordingTransport(script: [
            STSReplies.assumeRole(accessKeyId: "ASIAROLE", expiration: clock.now.addingTimeInterval(3600))
        ])
        let factory = factory(
            config: """
                [profile deploy]
                role_arn = arn:aws:iam::222222222222:role/deployer
                source_profile = base
                external_id = ext-123
                role_session_name = podium-ci
                duration_seconds = 1800
                region = eu-west-1
                """,
            credentials: "[base]\naws_access_key_id = AKIABASE\naws_secret_access_key = basesecret\n",
            transport: transport, clock: clock)
        let provider = factory.makeProvider(.profile("deploy"))
        let credentials = try await provider.getCredentials()
        #expect(credentials.accessKeyId == "ASIAROLE")
        #expect(credentials.sessionToken == "role-token")
        // Cached: a second call does not call STS again.
        _ = try await provider.getCredentials()
        let requests = await transport.requests
        #expect(requests.count == 1)
        let request = try #require(requests.first)
        #expect(request.url.absoluteString.hasPrefix(Self.stsURL))
        let form = formParameters(request)
        #expect(form["Action"] == "AssumeRole")
        #expect(form["RoleArn"] == "arn:aws:iam::222222222222:role/deployer")
        #expect(form["RoleSessionName"] == "podium-ci")
        #expect(form["ExternalId"] == "ext-123")
        #expect(form["DurationSeconds"] == "1800")
        let authorization = try #require(request.header("Authorization"))
        #expect(authorization.contains("Credential=AKIABASE/"))
        #expect(authorization.contains("/eu-west-1/sts/aws4_request"))
    }

    @Test("Chained roles: each hop is signed with the previous hop's credentials, and refreshed when due")
    func chainedRoles() async throws {
        let clock = AuthTestClock()
        let transport = RecordingTransport(script: [
            STSReplies.assumeRole(
                accessKeyId: "ASIAHOP1", token: "hop1-token", expiration: clock.now.addingTimeInterval(7200)),
            STSReplies.assumeRole(
                accessKeyId: "ASIAHOP2", token: "hop2-token", expiration: clock.now.addingTimeInterval(3600)),
            STSReplies.assumeRole(
                accessKeyId: "ASIAHOP2B", token: "hop2b-token", expiration: clock.now.addingTimeInterval(9000)),
        ])
        let factory = factory(
            config: """
                [profile prod]
                role_arn = arn:aws:iam::333333333333:role/prod
                source_profile = hub
                [profile hub]
                role_arn = arn:aws:iam::222222222222:role/hub
                source_profile = root
                [profile root]
                aws_access_key_id = AKIAROOT
                aws_secret_access_key = rootsecret
                """, transport: transport, clock: clock)
        let provider = factory.makeProvider(.profile("prod"))
        #expect(try await provider.getCredentials().accessKeyId == "ASIAHOP2")
        var requests = await transport.requests
        #expect(
            requests.map { formParameters($0)["RoleArn"] } == [
                "arn:aws:iam::222222222222:role/hub", "arn:aws:iam::333333333333:role/prod",
            ])
        #expect(requests[0].header("Authorization")?.contains("Credential=AKIAROOT/") == true)
        #expect(requests[1].header("Authorization")?.contains("Credential=ASIAHOP1/") == true)
        #expect(requests[1].header("X-Amz-Security-Token") == "hop1-token")

        // 55 minutes later the prod credentials are in the mandatory window; hub's are still fresh.
        clock.advance(by: 55 * 60)
        #expect(try await provider.getCredentials().accessKeyId == "ASIAHOP2B")
        requests = await transport.requests
        #expect(requests.count == 3)
        #expect(requests[2].header("Authorization")?.contains("Credential=ASIAHOP1/") == true)
    }

    @Test("source_profile loops are detected and named; a profile may source its own static keys")
    func loops() async throws {
        let loop = factory(
            config: """
                [profile a]
                role_arn = arn:aws:iam::1:role/a
                source_profile = b
                [profile b]
                role_arn = arn:aws:iam::1:role/b
                source_profile = a
                """)
        let failure = await error(of: loop.makeProvider(.profile("a")))
        #expect(failure as? CredentialProviderError == .sourceProfileLoop(profiles: ["a", "b", "a"]))

        let clock = AuthTestClock()
        let transport = RecordingTransport(script: [
            STSReplies.assumeRole(accessKeyId: "ASIASELF", expiration: clock.now.addingTimeInterval(3600))
        ])
        let selfSourced = factory(
            credentials: """
                [me]
                aws_access_key_id = AKIAME
                aws_secret_access_key = mesecret
                role_arn = arn:aws:iam::1:role/me
                source_profile = me
                """, transport: transport, clock: clock)
        #expect(try await selfSourced.makeProvider(.profile("me")).getCredentials().accessKeyId == "ASIASELF")
        #expect(await transport.requests.first?.header("Authorization")?.contains("Credential=AKIAME/") == true)
    }

    @Test("Role configuration errors are specific")
    func roleErrors() async throws {
        let factory = factory(
            config: """
                [profile both]
                role_arn = arn:aws:iam::1:role/x
                source_profile = base
                credential_source = Environment
                [profile neither]
                role_arn = arn:aws:iam::1:role/x
                [profile badsource]
                role_arn = arn:aws:iam::1:role/x
                credential_source = Ec2Metadata
                [profile dangling]
                role_arn = arn:aws:iam::1:role/x
                source_profile = ghost
                [profile badduration]
                role_arn = arn:aws:iam::1:role/x
                source_profile = base
                duration_seconds = one hour
                [profile envsource]
                role_arn = arn:aws:iam::1:role/x
                credential_source = Environment
                [profile base]
                aws_access_key_id = AKIABASE
                aws_secret_access_key = s
                """)
        let messages: [(String, String)] = [
            ("both", "sets both source_profile and credential_source"),
            ("neither", "source_profile or credential_source (for role_arn) is missing"),
            ("badsource", "credential_source \"Ec2Metadata\" is not one of"),
            ("dangling", "source_profile \"ghost\" does not exist"),
            ("badduration", "duration_seconds must be a whole number of seconds"),
            ("envsource", "uses credential_source = Environment"),
        ]
        for (profile, message) in messages {
            let failure = await error(of: factory.makeProvider(.profile(profile)))
            #expect("\(failure.map { "\($0)" } ?? "no error")".contains(message), "profile \(profile)")
        }
    }

    @Test("credential_source = Environment and Ec2InstanceMetadata feed AssumeRole")
    func credentialSources() async throws {
        let clock = AuthTestClock()
        let transport = RecordingTransport(fallback: { request in
            if request.url.absoluteString.hasPrefix(CredentialsProfileTests.stsURL) {
                return STSReplies.assumeRole(
                    accessKeyId: "ASIAFROMSOURCE", expiration: clock.now.addingTimeInterval(3600))
            }
            return CredentialsSourceTests.imdsReply(request)
        })
        let config = """
            [profile fromenv]
            role_arn = arn:aws:iam::1:role/x
            credential_source = Environment
            [profile fromimds]
            role_arn = arn:aws:iam::1:role/y
            credential_source = Ec2InstanceMetadata
            """
        let env = factory(
            config: config, variables: ["AWS_ACCESS_KEY_ID": "AKIAENVSRC", "AWS_SECRET_ACCESS_KEY": "e"],
            transport: transport, clock: clock)
        #expect(try await env.makeProvider(.profile("fromenv")).getCredentials().accessKeyId == "ASIAFROMSOURCE")
        #expect(await transport.requests.last?.header("Authorization")?.contains("Credential=AKIAENVSRC/") == true)

        let imds = factory(config: config, transport: transport, clock: clock)
        #expect(try await imds.makeProvider(.profile("fromimds")).getCredentials().accessKeyId == "ASIAFROMSOURCE")
        let last = await transport.requests.last
        #expect(last?.header("Authorization")?.contains("Credential=ASIAIMDS/") == true)
        #expect(last?.header("X-Amz-Security-Token") == "imdstoken")
    }

    @Test("An STS refusal is a roleAssumptionFailed error naming the role and the STS code")
    func stsRefusal() async throws {
        let transport = RecordingTransport(script: [
            STSReplies.error(code: "AccessDenied", message: "not authorized to perform sts:AssumeRole")
        ])
        let factory = factory(
            config:
                "[profile r]\nrole_arn = arn:aws:iam::1:role/locked\nsource_profile = r\naws_access_key_id = A\naws_secret_access_key = VERYSECRET\n",
            transport: transport)
        let failure = await error(of: factory.makeProvider(.profile("r")))
        guard case .roleAssumptionFailed(let roleArn, let operation, let reason)? = failure as? CredentialProviderError
        else {
            Issue.record("unexpected \(String(describing: failure))")
            return
        }
        #expect(roleArn == "arn:aws:iam::1:role/locked")
        #expect(operation == "AssumeRole")
        #expect(reason.contains("AccessDenied"))
        #expect(!"\(failure!)".contains("VERYSECRET"))
    }

    @Test("CredentialSpec.assumeRole uses its source spec; .fixed returns the keys")
    func specs() async throws {
        let clock = AuthTestClock()
        let transport = RecordingTransport(script: [
            STSReplies.assumeRole(accessKeyId: "ASIASPEC", expiration: clock.now.addingTimeInterval(3600))
        ])
        let factory = factory(
            credentials: "[ci]\naws_access_key_id = AKIACI\naws_secret_access_key = s\n", transport: transport,
            clock: clock)
        let provider = factory.makeProvider(
            .assumeRole(
                roleArn: "arn:aws:iam::222222222222:role/x", externalId: "e", sessionName: "s", duration: 900,
                source: .profile("ci")))
        #expect(try await provider.getCredentials().accessKeyId == "ASIASPEC")
        let form = formParameters(try #require(await transport.requests.first))
        #expect(form["ExternalId"] == "e")
        #expect(form["RoleSessionName"] == "s")
        #expect(form["DurationSeconds"] == "900")
        let fixed = AWSCredentials(accessKeyId: "AKIAFIXED", secretAccessKey: "f")
        #expect(try await factory.makeProvider(.fixed(fixed)).getCredentials() == fixed)
    }

    // MARK: - Web identity

    @Test("Web identity from the environment: unsigned AssumeRoleWithWebIdentity, token file re-read on refresh")
    func webIdentityFromEnvironment() async throws {
        let clock = AuthTestClock()
        let directory = try ConfigTempDirectory()
        defer { directory.remove() }
        let tokenFile = try directory.write("oidc-token", "eyJ.first.token\n")
        let transport = RecordingTransport(script: [
            STSReplies.assumeRole(
                accessKeyId: "ASIAWEB1", expiration: clock.now.addingTimeInterval(3600),
                action: "AssumeRoleWithWebIdentity"),
            STSReplies.assumeRole(
                accessKeyId: "ASIAWEB2", expiration: clock.now.addingTimeInterval(7200),
                action: "AssumeRoleWithWebIdentity"),
        ])
        let factory = CredentialProviderFactory(
            environment: directory.environment([
                "AWS_WEB_IDENTITY_TOKEN_FILE": tokenFile, "AWS_ROLE_ARN": "arn:aws:iam::222222222222:role/gha",
                "AWS_ROLE_SESSION_NAME": "gha-run-42", "AWS_ENDPOINT_URL_STS": Self.stsURL, "AWS_REGION": "eu-west-1",
            ]), transport: transport, now: clock.function)
        let provider = factory.makeProvider(.defaultChain)
        #expect(try await provider.getCredentials().accessKeyId == "ASIAWEB1")

        try directory.write("oidc-token", "eyJ.second.token")
        clock.advance(by: 3600 - 5 * 60)  // mandatory refresh
        #expect(try await provider.getCredentials().accessKeyId == "ASIAWEB2")

        let requests = await transport.requests
        #expect(requests.count == 2)
        #expect(requests.map { formParameters($0)["WebIdentityToken"] } == ["eyJ.first.token", "eyJ.second.token"])
        for request in requests {
            let form = formParameters(request)
            #expect(form["Action"] == "AssumeRoleWithWebIdentity")
            #expect(form["RoleArn"] == "arn:aws:iam::222222222222:role/gha")
            #expect(form["RoleSessionName"] == "gha-run-42")
            #expect(request.header("Authorization") == nil, "AssumeRoleWithWebIdentity must be unsigned")
            #expect(request.header("X-Amz-Security-Token") == nil)
        }
    }

    @Test("Web identity from profile keys; a missing role or token file is a clear error")
    func webIdentityFromProfile() async throws {
        let clock = AuthTestClock()
        let transport = RecordingTransport(script: [
            STSReplies.assumeRole(
                accessKeyId: "ASIAWEBP", expiration: clock.now.addingTimeInterval(3600),
                action: "AssumeRoleWithWebIdentity")
        ])
        let factory = factory(
            config: """
                [profile oidc]
                web_identity_token_file = /var/run/token
                role_arn = arn:aws:iam::222222222222:role/oidc
                [profile norole]
                web_identity_token_file = /var/run/token
                [profile nofile]
                web_identity_token_file = /var/run/missing
                role_arn = arn:aws:iam::222222222222:role/oidc
                """, transport: transport, clock: clock, extraFiles: ["/var/run/token": "tok-from-file"])
        #expect(try await factory.makeProvider(.profile("oidc")).getCredentials().accessKeyId == "ASIAWEBP")
        #expect(formParameters(try #require(await transport.requests.first))["WebIdentityToken"] == "tok-from-file")
        let noRole = await error(of: factory.makeProvider(.profile("norole")))
        #expect("\(noRole!)".contains("role_arn (for web_identity_token_file) is missing"))
        let noFile = await error(of: factory.makeProvider(.profile("nofile")))
        #expect(
            noFile as? CredentialProviderError == .tokenFileUnreadable(path: "/var/run/missing", reason: "no such file")
        )
    }

    // MARK: - The default chain

    @Test("The chain's order: environment first, then the profile")
    func chainOrder() async throws {
        let both = factory(
            credentials: "[default]\naws_access_key_id = AKIAPROFILE\naws_secret_access_key = p\n",
            variables: ["AWS_ACCESS_KEY_ID": "AKIAENV", "AWS_SECRET_ACCESS_KEY": "e"])
        #expect(try await both.makeProvider(.defaultChain).getCredentials().accessKeyId == "AKIAENV")
        // An explicit profile spec ignores the environment keys.
        #expect(try await both.makeProvider(.profile("default")).getCredentials().accessKeyId == "AKIAPROFILE")
        let profileOnly = factory(
            credentials: "[default]\naws_access_key_id = AKIAPROFILE\naws_secret_access_key = p\n")
        #expect(try await profileOnly.makeProvider(.defaultChain).getCredentials().accessKeyId == "AKIAPROFILE")
        let selected = factory(
            credentials:
                "[default]\naws_access_key_id = AKIADEF\naws_secret_access_key = p\n[ops]\naws_access_key_id = AKIAOPS\naws_secret_access_key = o\n",
            variables: ["AWS_PROFILE": "ops"])
        #expect(try await selected.makeProvider(.defaultChain).getCredentials().accessKeyId == "AKIAOPS")
    }

    @Test("AWS_PROFILE naming a missing profile is an error, not a silent fallback")
    func selectedProfileMissing() async throws {
        let factory = factory(
            credentials: "[default]\naws_access_key_id = AKIADEF\naws_secret_access_key = p\n",
            variables: ["AWS_PROFILE": "typo"])
        let failure = await error(of: factory.makeProvider(.defaultChain))
        #expect("\(failure!)".contains("profile \"typo\" not found"))
    }

    @Test("Container credentials come after profiles; IMDS is the last resort")
    func containerAndIMDS() async throws {
        let container = factory(
            variables: ["AWS_CONTAINER_CREDENTIALS_RELATIVE_URI": "/v2/c"],
            transport: RecordingTransport(fallback: { _ in
                .response(HTTPResponse(status: 200, body: Array(CredentialsSourceTests.containerJSON.utf8)))
            }))
        #expect(try await container.makeProvider(.defaultChain).getCredentials().accessKeyId == "ASIAECS")

        let imdsTransport = RecordingTransport(fallback: { CredentialsSourceTests.imdsReply($0) })
        let imds = factory(transport: imdsTransport)
        let provider = imds.makeProvider(.defaultChain)
        #expect(try await provider.getCredentials().accessKeyId == "ASIAIMDS")
        #expect(try await provider.getCredentials().accessKeyId == "ASIAIMDS")
        #expect(await imdsTransport.requests.count == 3, "IMDS probed once, then served from the cache")
    }

    @Test("Nothing configured: one error listing every source tried and why")
    func nothingConfigured() async throws {
        let transport = RecordingTransport(script: [.failure(.connectFailed("no route to host"))])
        let factory = factory(transport: transport)
        let failure = await error(of: factory.makeProvider(.defaultChain))
        guard case .noCredentials(let attempts)? = failure as? CredentialProviderError else {
            Issue.record("unexpected \(String(describing: failure))")
            return
        }
        #expect(attempts.count == 5)
        #expect(attempts[0].hasPrefix("environment:"))
        #expect(attempts[2].contains("profile \"default\": not found"))
        #expect(attempts[4].contains("EC2 instance metadata"))
        #expect(attempts[4].contains("no route to host"))

        let disabled = self.factory(variables: ["AWS_EC2_METADATA_DISABLED": "true"], transport: transport)
        let disabledFailure = await error(of: disabled.makeProvider(.defaultChain))
        #expect("\(disabledFailure!)".contains("disabled by AWS_EC2_METADATA_DISABLED"))
    }

    @Test("The chain decides once for concurrent callers")
    func chainDecidesOnce() async throws {
        let imdsTransport = RecordingTransport(fallback: { CredentialsSourceTests.imdsReply($0) })
        let provider = factory(transport: imdsTransport).makeProvider(.defaultChain)
        try await withThrowingTaskGroup(of: AWSCredentials.self) { group in
            for _ in 0..<20 { group.addTask { try await provider.getCredentials() } }
            for try await credentials in group { #expect(credentials.accessKeyId == "ASIAIMDS") }
        }
        #expect(await imdsTransport.requests.count == 3)
    }
}

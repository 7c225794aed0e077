import Foundation
import Testing

@testable import AWSCore

@Suite("AWS config file parsing and profiles")
struct ConfigFileTests {
    @Test("Profiles, comments, key case, ':' delimiters, nested sub-sections and services sections")
    func parsesTheAWSDialect() throws {
        let text = """
            # leading comment
            ; another comment
            [default]
            region = eu-west-1
            Output: json

            [profile dev]   # trailing comment on a header
            role_arn = arn:aws:iam::222222222222:role/dev
            source_profile = default
            s3 =
              max_concurrent_requests = 20
              addressing_style = path
            cli_pager=

            [services local]
            sagemaker =
              endpoint_url = http://127.0.0.1:4566
            sts =
              endpoint_url = http://127.0.0.1:4567
            """
        let file = try AWSConfigFile.parse(text, path: "/tmp/config")
        #expect(file.sections.map(\.name) == ["default", "profile dev", "services local"])
        let defaults = try #require(file.section(named: "default"))
        #expect(defaults.properties["region"] == .string("eu-west-1"))
        #expect(defaults.properties["output"] == .string("json"))
        let dev = try #require(file.section(named: "profile dev"))
        #expect(dev.properties["s3"] == .subsection(["max_concurrent_requests": "20", "addressing_style": "path"]))
        #expect(dev.properties["cli_pager"] == .string(""))
        #expect(dev.properties["role_arn"]?.string == "arn:aws:iam::222222222222:role/dev")

        let store = AWSProfileStore.merge(
            config: file, credentials: nil, configFilePath: "/tmp/config", credentialsFilePath: nil)
        #expect(store.profile("dev")?.subsection("s3")?["addressing_style"] == "path")
        #expect(store.servicesSections["local"]?["sagemaker"]?["endpoint_url"] == "http://127.0.0.1:4566")
        #expect(store.servicesSections["local"]?["sts"]?["endpoint_url"] == "http://127.0.0.1:4567")
    }

    @Test("Values keep '#' (as botocore), CRLF line ends and a BOM are handled, '=' inside values is kept")
    func literalValues() throws {
        let text = "\u{FEFF}[default]\r\naws_secret_access_key = abc#def=ghi\r\nendpoint_url = http://h:1/p?a=b\r\n"
        let file = try AWSConfigFile.parse(text, path: "c")
        #expect(file.section(named: "default")?.properties["aws_secret_access_key"] == .string("abc#def=ghi"))
        #expect(file.section(named: "default")?.properties["endpoint_url"] == .string("http://h:1/p?a=b"))
    }

    @Test("Indented lines at the same depth are settings; deeper ones continue the value above")
    func indentation() throws {
        let text = """
            [profile x]
              region = us-east-1
              output = json
            credential_process = /bin/tool
                --flag
            """
        let section = try #require(try AWSConfigFile.parse(text, path: "c").section(named: "profile x"))
        #expect(section.properties["region"] == .string("us-east-1"))
        #expect(section.properties["output"] == .string("json"))
        #expect(section.properties["credential_process"] == .string("/bin/tool\n--flag"))
    }

    @Test(
        "Malformed lines give the file and line number, never the line's text",
        arguments: [
            ("[default]\naws_secret_access_key SECRETVALUE\n", 2, "must be \"name = value\""),
            ("region = us-east-1\n", 1, "before any [section]"),
            ("[default\nregion = x\n", 1, "closing \"]\""),
            ("[default] trailing\n", 1, "after the section header"),
            ("[]\n", 1, "empty section name"),
            ("[p]\n= value\n", 2, "no name"),
            ("[p]\ns3 =\n  SECRETVALUE\n", 3, "sub-section"),
        ])
    func malformed(text: String, line: Int, reason: String) {
        do {
            _ = try AWSConfigFile.parse(text, path: "/home/u/.aws/config")
            Issue.record("expected a parse error")
        } catch let error as AWSConfigError {
            guard case .malformedLine(let path, let errorLine, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(path == "/home/u/.aws/config")
            #expect(errorLine == line)
            #expect(error.description.contains(reason))
            #expect(!error.description.contains("SECRETVALUE"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    @Test("Config and credentials merge: credentials file wins per key; [profile default] beats [default]")
    func merging() throws {
        let home = "/home/tester"
        let environment = inMemoryEnvironment(
            files: [
                "\(home)/.aws/config": """
                [profile default]
                region = eu-central-1
                [default]
                region = us-west-1
                output = text
                [profile dev]
                region = eu-west-1
                aws_access_key_id = AKIAFROMCONFIG
                [profile "spaced name"]
                region = ap-south-1
                [profilenot]
                region = nope
                [sso-session corp]
                sso_region = us-east-1
                """,
                "\(home)/.aws/credentials": """
                [dev]
                aws_access_key_id = AKIAFROMCREDS
                aws_secret_access_key = secret
                [profile odd]
                aws_access_key_id = A
                """,
            ])
        let store = try AWSProfileStore.load(from: environment)
        #expect(store.profile("default")?["region"] == "eu-central-1")
        #expect(store.profile("default")?["output"] == "text")
        let dev = try #require(store.profile("dev"))
        #expect(dev["aws_access_key_id"] == "AKIAFROMCREDS")
        #expect(dev["region"] == "eu-west-1")
        #expect(dev.origin(of: "aws_access_key_id") == "\(home)/.aws/credentials")
        #expect(dev.origin(of: "region") == "\(home)/.aws/config")
        #expect(store.profile("spaced name")?["region"] == "ap-south-1")
        #expect(store.profile("profilenot") == nil)
        #expect(store.profile("profile odd")?["aws_access_key_id"] == "A")  // credentials file: literal names
        #expect(store.profiles.keys.sorted() == ["default", "dev", "profile odd", "spaced name"])
    }

    @Test("AWS_CONFIG_FILE, AWS_SHARED_CREDENTIALS_FILE (with ~) and AWS_PROFILE are honoured")
    func environmentPaths() throws {
        let directory = try ConfigTempDirectory()
        defer { directory.remove() }
        try directory.write("alt/config", "[profile ops]\nregion = sa-east-1\n")
        try directory.write("alt/creds", "[ops]\naws_access_key_id = AKIAOPS\naws_secret_access_key = s\n")
        try directory.write(".aws/config", "[profile ops]\nregion = wrong\n")
        let environment = directory.environment([
            "AWS_CONFIG_FILE": "~/alt/config", "AWS_SHARED_CREDENTIALS_FILE": "\(directory.path)/alt/creds",
            "AWS_PROFILE": "ops",
        ])
        let store = try AWSProfileStore.load(from: environment)
        #expect(store.selectedProfileName == "ops")
        #expect(store.configFilePath == "\(directory.path)/alt/config")
        #expect(store.profile("ops")?["region"] == "sa-east-1")
        #expect(store.profile("ops")?["aws_access_key_id"] == "AKIAOPS")
    }

    @Test("Missing files are empty; an unreadable file is a clear error naming it")
    func missingAndUnreadable() throws {
        let empty = try AWSProfileStore.load(from: inMemoryEnvironment())
        #expect(empty.profiles.isEmpty)
        #expect(
            throws: AWSConfigError.profileNotFound(
                profile: "x", searched: ["/home/tester/.aws/config", "/home/tester/.aws/credentials"])
        ) {
            try empty.requireProfile("x")
        }
        struct Denied: Error {}
        let unreadable = AWSEnvironment(variables: [:], homeDirectory: "/home/tester") { path in
            if path.hasSuffix("config") { throw Denied() }
            return nil
        }
        do {
            _ = try AWSProfileStore.load(from: unreadable)
            Issue.record("expected an error")
        } catch let error as AWSConfigError {
            guard case .unreadableFile(let path, _) = error else {
                Issue.record("unexpected \(error)")
                return
            }
            #expect(path == "/home/tester/.aws/config")
        }
    }

    @Test("A profile naming a missing [services x] section is an error")
    func missingServicesSection() throws {
        let store = AWSProfileStore.merge(
            config: try AWSConfigFile.parse("[default]\nservices = nowhere\n", path: "cfg"), credentials: nil,
            configFilePath: "cfg", credentialsFilePath: nil)
        #expect(throws: AWSConfigError.servicesSectionNotFound(profile: "default", section: "nowhere", path: "cfg")) {
            try store.servicesSection(for: store.profile("default")!)
        }
    }
}

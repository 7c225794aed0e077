import AWSCore
import ArgumentParser
import Foundation
import PodiumCore

/// `podium login [--profile P]`: signs in to IAM Identity Center with the device-code flow and caches the
/// token where the AWS CLI and the SDKs find it (`~/.aws/sso/cache`), as `aws sso login --use-device-code`.
struct LoginCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "login",
        abstract: "Sign in to IAM Identity Center (SSO) for an AWS profile.",
        discussion: """
            Uses the device-code flow: podium prints a URL and a code; confirm the code in a browser (on any \
            machine), and podium caches the token in ~/.aws/sso/cache, shared with the AWS CLI. The profile needs \
            sso_session (with an [sso-session] section) or sso_start_url and sso_region. Exit codes: 0 signed in, \
            1 the sign-in failed or was declined, 2 the profile is not a valid SSO profile.
            """)

    @OptionGroup var global: GlobalOptions
    @Option(name: .long, help: "The AWS profile (default: $AWS_PROFILE, else default).") var profile: String?

    func run() async throws {
        let environment = AWSEnvironment.process
        let name = profile ?? environment.selectedProfileName
        let login: SSODeviceLogin
        do {
            login = try SSODeviceLogin.forProfile(name, environment: environment)
        } catch let error as CredentialProviderError {
            throw CLIExit(.usage, error.description)
        }
        let configuration = login.configuration
        do {
            let authorization = try await login.start()
            Output.line(
                "Signing in to \(configuration.startURL) for profile \"\(name)\" (\(configuration.sessionLabel)).")
            Output.line("Open this URL in a browser and confirm the code:")
            Output.line("")
            Output.line("  \(authorization.verificationURIComplete)")
            Output.line("  code: \(authorization.userCode)")
            Output.line("")
            Output.line("Waiting for the confirmation (the code expires at \(Self.clock(authorization.expiresAt)))...")
            let token = try await login.complete(authorization)
            let path = login.cache.path(forKey: configuration.cacheKey) ?? "~/.aws/sso/cache"
            Output.line("Signed in. The token is valid until \(Self.clock(token.expiresAt)); cached in \(path).")
        } catch let error as SSOError {
            throw CLIExit(.failed, error.description)
        } catch CredentialProviderError.metadataUnavailable(_, let endpoint, let reason) {
            throw CLIExit(.failed, "cannot reach IAM Identity Center (SSO-OIDC) at \(endpoint): \(reason)")
        } catch let error as CredentialProviderError {
            throw CLIExit(.failed, error.description)
        }
    }

    /// `04:25:00 UTC`.
    private static func clock(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy-MM-dd HH:mm:ss 'UTC'"
        return formatter.string(from: date)
    }
}

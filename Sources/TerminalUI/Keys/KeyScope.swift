/// Key-map scope names shared by every app (an app's own scopes are its screens and overlays).
public enum KeyScope {
    /// The scope whose bindings apply in every scope (after the scope's own).
    public static let global = "global"
}

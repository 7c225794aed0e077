/// What a region of a drawn frame stands for (a tab, a list row…), recorded by the code that draws it so a
/// click can never disagree with what was shown. Apps define their own (usually an enum).
public protocol HitTarget: Hashable, Sendable {}

extension HitTarget {
    /// Whether `other` is the same target (same type and equal).
    public func isSame(as other: any HitTarget) -> Bool {
        (other as? Self) == self
    }
}

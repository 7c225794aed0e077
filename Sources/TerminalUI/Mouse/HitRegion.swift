/// A rectangle of a frame and the target drawn there (see `FrameBuffer.recordHit`).
public struct HitRegion: Hashable, Sendable {
    /// The cells covered (already clipped to the frame).
    public let rect: Rect
    /// What was drawn there.
    public let target: any HitTarget

    /// Creates a region.
    public init(rect: Rect, target: any HitTarget) {
        self.rect = rect
        self.target = target
    }

    /// Same rectangle and same target.
    public static func == (lhs: HitRegion, rhs: HitRegion) -> Bool {
        lhs.rect == rhs.rect && lhs.target.isSame(as: rhs.target)
    }

    /// Hashes the rectangle and the target.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(rect)
        target.hash(into: &hasher)
    }
}

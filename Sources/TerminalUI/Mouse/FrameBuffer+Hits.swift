extension FrameBuffer {
    /// Records that `target` is drawn over `rect` (clipped to the frame; an empty rectangle records nothing).
    /// Later records win where they overlap, as later drawing does: a pane drawn over a list records a region
    /// over it, so a click there reaches the pane, never the row hidden beneath.
    public mutating func recordHit(_ target: some HitTarget, in rect: Rect) {
        let clipped = rect.intersection(bounds)
        guard !clipped.isEmpty else { return }
        hitRegions.append(HitRegion(rect: clipped, target: target))
    }

    /// The target drawn last at a cell, or nil.
    public func hitTarget(x: Int, y: Int) -> (any HitTarget)? {
        HitRegion.target(in: hitRegions, x: x, y: y)
    }
}

extension HitRegion {
    /// The target of the last region of `regions` that contains the cell, or nil.
    public static func target(in regions: [HitRegion], x: Int, y: Int) -> (any HitTarget)? {
        regions.last { $0.rect.contains(x: x, y: y) }?.target
    }
}

/// Splits a rectangle into rows or columns by `Constraint`s.
///
/// Fixed, percent and min parts are sized first; what remains is shared among flex and min parts by
/// weight (leftover cells go to the first parts, so the sizes always add up exactly). When the area is
/// too small, parts are cut from the last one backwards: the first parts keep their size.
public enum Layout {
    /// Splits `area` top to bottom.
    public static func rows(_ area: Rect, _ constraints: [Constraint], spacing: Int = 0) -> [Rect] {
        var y = area.y
        return sizes(total: area.height, constraints, spacing: spacing).map { h in
            defer { y += h + spacing }
            return Rect(x: area.x, y: y, width: area.width, height: h)
        }
    }

    /// Splits `area` left to right.
    public static func columns(_ area: Rect, _ constraints: [Constraint], spacing: Int = 0) -> [Rect] {
        var x = area.x
        return sizes(total: area.width, constraints, spacing: spacing).map { w in
            defer { x += w + spacing }
            return Rect(x: x, y: area.y, width: w, height: area.height)
        }
    }

    /// The sizes of the parts for a total length.
    public static func sizes(total: Int, _ constraints: [Constraint], spacing: Int = 0) -> [Int] {
        guard !constraints.isEmpty else { return [] }
        let available = max(0, total - max(0, spacing) * (constraints.count - 1))
        var sizes = constraints.map { c -> Int in
            switch c {
            case .fixed(let n): return max(0, n)
            case .percent(let p): return available * Swift.min(100, Swift.max(0, p)) / 100
            case .min(let n): return max(0, n)
            case .flex: return 0
            }
        }
        let base = sizes.reduce(0, +)
        if base > available {
            var over = base - available
            for i in sizes.indices.reversed() where over > 0 {
                let cut = Swift.min(sizes[i], over)
                sizes[i] -= cut
                over -= cut
            }
            return sizes
        }
        let weights = constraints.map { c -> Int in
            switch c {
            case .flex(let w): return max(0, w)
            case .min: return 1
            default: return 0
            }
        }
        let totalWeight = weights.reduce(0, +)
        guard totalWeight > 0 else { return sizes }
        let remaining = available - base
        var given = 0
        for i in sizes.indices where weights[i] > 0 {
            let share = remaining * weights[i] / totalWeight
            sizes[i] += share
            given += share
        }
        var leftover = remaining - given
        for i in sizes.indices where weights[i] > 0 && leftover > 0 {
            sizes[i] += 1
            leftover -= 1
        }
        return sizes
    }
}

/// The xterm default 256-colour palette and nearest-colour searches used for degradation.
enum XtermPalette {
    /// The 16 standard colours as xterm draws them by default.
    static let standard: [(r: UInt8, g: UInt8, b: UInt8)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0),
        (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0),
        (92, 92, 255), (255, 0, 255), (0, 255, 255), (255, 255, 255),
    ]

    /// The six levels of each axis of the 6×6×6 cube (indices 16–231).
    static let cubeLevels: [Int] = [0, 95, 135, 175, 215, 255]

    /// The RGB value of palette entry `index` (0–255).
    static func rgb(ofIndex index: Int) -> (r: UInt8, g: UInt8, b: UInt8) {
        if index < 16 { return standard[index] }
        if index < 232 {
            let i = index - 16
            return (UInt8(cubeLevels[i / 36]), UInt8(cubeLevels[(i / 6) % 6]), UInt8(cubeLevels[i % 6]))
        }
        let level = UInt8(8 + (index - 232) * 10)
        return (level, level, level)
    }

    /// Squared distance, weighted towards green as the eye is (a cheap "redmean"-like metric).
    static func distance(_ a: (r: UInt8, g: UInt8, b: UInt8), _ b: (r: UInt8, g: UInt8, b: UInt8)) -> Int {
        let dr = Int(a.r) - Int(b.r)
        let dg = Int(a.g) - Int(b.g)
        let db = Int(a.b) - Int(b.b)
        return 2 * dr * dr + 4 * dg * dg + 3 * db * db
    }

    /// The nearest xterm-256 index (16–255) to an RGB colour: the best of the cube and the grey ramp.
    static func nearest256(_ c: (r: UInt8, g: UInt8, b: UInt8)) -> UInt8 {
        func cubeIndex(_ v: UInt8) -> Int {
            let v = Int(v)
            if v < 48 { return 0 }
            if v < 115 { return 1 }
            return min(5, (v - 35) / 40)
        }
        let ri = cubeIndex(c.r)
        let gi = cubeIndex(c.g)
        let bi = cubeIndex(c.b)
        let cube = 16 + 36 * ri + 6 * gi + bi
        let average = (Int(c.r) + Int(c.g) + Int(c.b)) / 3
        let greyIndex = average > 238 ? 23 : max(0, (average - 3) / 10)
        let grey = 232 + min(23, greyIndex)
        let cubeDistance = distance(c, rgb(ofIndex: cube))
        let greyDistance = distance(c, rgb(ofIndex: grey))
        return UInt8(greyDistance < cubeDistance ? grey : cube)
    }

    /// The nearest of the first `count` standard colours (16 or 8) to an RGB colour.
    static func nearestStandard(_ c: (r: UInt8, g: UInt8, b: UInt8), count: Int) -> UInt8 {
        var best = 0
        var bestDistance = Int.max
        for i in 0..<count {
            let d = distance(c, standard[i])
            if d < bestDistance {
                bestDistance = d
                best = i
            }
        }
        return UInt8(best)
    }
}

/// Turns a byte offset into the 1-based line and column editors and compilers use.
public enum TextPosition {
    /// The line and column (in characters) of the byte at `offset` of `bytes`, which need not be valid UTF-8:
    /// a column counts every byte that does not continue a UTF-8 sequence.
    public static func lineAndColumn<Bytes: Collection<UInt8>>(ofOffset offset: Int, in bytes: Bytes) -> (
        line: Int, column: Int
    ) {
        var line = 1
        var column = 1
        for byte in bytes.prefix(max(0, offset)) {
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
        }
        return (line, column)
    }

    /// The line and column of the UTF-8 byte at `offset` in `text`.
    public static func lineAndColumn(ofUTF8Offset offset: Int, in text: String) -> (line: Int, column: Int) {
        lineAndColumn(ofOffset: offset, in: text.utf8)
    }

    /// The offset of the first byte that is not valid UTF-8, or `nil` when all of `bytes` is.
    public static func firstInvalidUTF8Offset(in bytes: [UInt8]) -> Int? {
        var decoder = UTF8()
        var iterator = bytes.makeIterator()
        var offset = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): offset += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: return offset
            }
        }
    }
}

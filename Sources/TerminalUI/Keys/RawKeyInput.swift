/// One unit of terminal input before decoding, as a backend reads it (see `KeyStreamDecoder`).
public enum RawKeyInput: Hashable, Sendable {
    /// A character as read, control characters included (13 = CR, 27 = Esc, 127 = DEL...).
    case character(UInt32)
    /// A key the backend already decoded from a key code (an arrow, a function key, Shift-Tab...).
    case key(Key)
    /// A key code the backend does not know.
    case unknownKey
    /// The bracketed-paste start marker (`ESC [200~`).
    case pasteStart
    /// The bracketed-paste end marker (`ESC [201~`).
    case pasteEnd
}

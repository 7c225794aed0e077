/// A table column: title, width limits and alignment.
public struct TableColumn: Hashable, Sendable {
    /// Header text.
    public var title: String
    /// Fewest columns it gets while the table has room for all minimums.
    public var minWidth: Int
    /// Most columns it gets (nil: no limit).
    public var maxWidth: Int?
    /// Weight for space left after every column has its natural width (0: never grows beyond content).
    public var flex: Int
    /// Alignment of header and cells.
    public var alignment: TextAlignment

    /// Creates a column.
    public init(
        _ title: String, minWidth: Int = 1, maxWidth: Int? = nil, flex: Int = 0, alignment: TextAlignment = .left
    ) {
        self.title = title
        self.minWidth = max(0, minWidth)
        self.maxWidth = maxWidth
        self.flex = max(0, flex)
        self.alignment = alignment
    }
}

/// One table cell: text and an optional role (e.g. `health.critical` for a health badge), or a small graphic.
public struct TableCell: Hashable, Sendable, ExpressibleByStringLiteral {
    /// A graphic drawn in the cell instead of text, filling the column width.
    public enum Graphic: Hashable, Sendable {
        /// A sparkline of values, oldest first (`maximum` nil: the largest shown).
        case sparkline([Double?], maximum: Double?)
        /// A gauge with a fill fraction 0…1 and its percentage label.
        case gauge(Double)
    }

    /// The text (sanitized when drawn); for a graphic, what filtering and sorting may use.
    public var text: String
    /// Role for this cell; nil uses the row's role or `text` (graphics: their own roles).
    public var role: ThemeRole?
    /// A graphic to draw instead of the text.
    public var graphic: Graphic?

    /// Creates a text cell.
    public init(_ text: String, role: ThemeRole? = nil) {
        self.text = text
        self.role = role
        self.graphic = nil
    }

    /// Creates a sparkline cell.
    public static func sparkline(_ values: [Double?], maximum: Double? = nil) -> TableCell {
        var cell = TableCell("")
        cell.graphic = .sparkline(values, maximum: maximum)
        return cell
    }

    /// Creates a gauge cell.
    public static func gauge(_ fraction: Double) -> TableCell {
        var cell = TableCell("")
        cell.graphic = .gauge(fraction)
        return cell
    }

    /// A plain cell from a literal.
    public init(stringLiteral value: String) { self.init(value) }
}

/// One table row.
public struct TableRow: Hashable, Sendable {
    /// Cells, one per column (missing ones are blank).
    public var cells: [TableCell]
    /// Role for the whole row (e.g. `text.dim`); nil uses `text`.
    public var role: ThemeRole?

    /// Creates a row.
    public init(_ cells: [TableCell], role: ThemeRole? = nil) {
        self.cells = cells
        self.role = role
    }
}

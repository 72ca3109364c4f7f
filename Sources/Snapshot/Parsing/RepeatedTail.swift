#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import CByteScan

/// The scanner's memory of a record's last cells, from a given column to the newline, when they repeat from record to
/// record (a span's seven empty event and link arrays, `[]`): the splitter compares the bytes at the start of that
/// column with the last tail seen, and when they match and a newline follows, writes the remembered cells, exactly as
/// splitting the same bytes again would give them, so they are neither split nor checked again (a tail is remembered
/// only when it is plain ASCII without NUL, carriage return or quote). The template lives in C memory, so the splitter
/// is handed one pointer per call.
final class RepeatedTail {
    static let maxBytes = 64, maxCells = 32
    /// The tail's first column.
    let column: Int
    /// What `bs_split_cells` reads.
    let template: UnsafeMutablePointer<bs_tail>
    private let bytes: UnsafeMutablePointer<UInt8>
    private let cells: UnsafeMutablePointer<bs_cell>

    /// Nil when the file has no such column after the first.
    init?(from name: String, header: [String], standard: [String]) {
        let column = Columns.index(name, in: header, standard: standard)
        guard column > 0 else { return nil }
        self.column = column
        bytes = .allocate(capacity: Self.maxBytes)
        cells = .allocate(capacity: Self.maxCells)
        template = .allocate(capacity: 1)
        template.initialize(to: bs_tail(bytes: bytes, length: -1, column: column, cells: cells, count: 0))
    }

    deinit { template.deallocate(); bytes.deallocate(); cells.deallocate() }

    /// Remembers the tail of a complete record: `fields` are the record's cells from this column on, relative to
    /// the record at `record`, whose newline is `end` bytes in. Forgets it when the tail is too long, quoted, or not
    /// plain text.
    func learn(_ record: UnsafePointer<UInt8>, fields: UnsafeBufferPointer<FieldSpan>, end: Int) {
        template.pointee.length = -1
        guard let first = fields.first, fields.count <= Self.maxCells else { return }
        let start = Int(first.start), n = end - start
        guard n >= 0, n <= Self.maxBytes, !fields.contains(where: { $0.quoted }) else { return }
        let p = record + start
        guard bs_text_flags(p, n) == 0, memchr(p, 0x0D, n) == nil, memchr(p, 0x22, n) == nil else { return }   // ASCII, no NUL
        bytes.update(from: p, count: n)
        for (k, f) in fields.enumerated() { cells[k] = bs_cell(start: f.start - first.start, end: f.end - first.start, quoted: 0) }
        template.pointee.count = fields.count
        template.pointee.length = n
    }
}

import Foundation

/// Buffered writer of the snapshot TSV dialect: tab-separated, a cell holding a quote, tab or newline is
/// wrapped in quotes with inner quotes doubled. Writes to `<path>.partial` and renames on `close()`.
final class TSVWriter {
    let path: String
    private let handle: FileHandle
    private var buffer: [UInt8] = []
    private(set) var bytesWritten = 0
    private(set) var rows = 0

    init(path: String, header: [String]?) throws {
        self.path = path
        let tmp = path + ".partial"
        guard FileManager.default.createFile(atPath: tmp, contents: nil), let h = FileHandle(forWritingAtPath: tmp) else { throw GeneratorError("cannot write \(tmp)") }
        handle = h
        buffer.reserveCapacity(1 << 22)
        if let header { row(header, trailingTab: false); rows = 0 }
    }

    /// Appends one record. `trailingTab` adds the empty last column the real files end with.
    func row(_ cells: [String], trailingTab: Bool = false) {
        for (i, c) in cells.enumerated() {
            if i > 0 { buffer.append(0x09) }
            appendCell(c)
        }
        if trailingTab { buffer.append(0x09) }
        buffer.append(0x0A)
        rows += 1
        if buffer.count >= 1 << 22 { flush() }
    }

    private func appendCell(_ c: String) {
        var needsQuote = false
        for b in c.utf8 where b == 0x22 || b == 0x09 || b == 0x0A || b == 0x0D { needsQuote = true; break }
        if !needsQuote { buffer.append(contentsOf: c.utf8); return }
        buffer.append(0x22)
        for b in c.utf8 {
            buffer.append(b)
            if b == 0x22 { buffer.append(0x22) }
        }
        buffer.append(0x22)
    }

    func flush() {
        guard !buffer.isEmpty else { return }
        handle.write(Data(buffer))
        bytesWritten += buffer.count
        buffer.removeAll(keepingCapacity: true)
    }

    func close() throws {
        flush()
        try handle.close()
        _ = try? FileManager.default.removeItem(atPath: path)
        try FileManager.default.moveItem(atPath: path + ".partial", toPath: path)
    }
}

public struct GeneratorError: Error, CustomStringConvertible {
    public let description: String
    public init(_ s: String) { description = s }
}

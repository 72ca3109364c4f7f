import Foundation
import Testing
@testable import Snapshot

/// Large arrays read back from a saved index: their fresh buffer's pages are mapped in one call before the copy
/// (`BlobReader.prefault`), which must change nothing of what is read.
@Suite struct BlobReaderTests {
    @Test func largeArraysComeBackAsWritten() throws {
        for n in [0, 1, 1000, (1 << 20) / 8 - 1, (1 << 20) / 8, 3 * (1 << 20) / 8 + 5] {
            let a = (0..<n).map { Int64($0) &* 0x1E37_79B9_7F4A_7C15 }
            let b = (0..<(n * 2 + 3)).map { UInt8(truncatingIfNeeded: $0 &* 31) }
            var w = BlobWriter()
            w.array(b); w.array(a)
            var r = BlobReader(w.data)
            #expect(try r.array(UInt8.self) == b && r.array(Int64.self) == a && r.atEnd, "\(n)")
        }
    }

    @Test func prefaultingKeepsTheBytes() {
        // A buffer that does not start on a page: only its whole pages are prefaulted, and nothing in it changes.
        let buf = UnsafeMutableRawBufferPointer.allocate(byteCount: 3 << 20, alignment: 16)
        defer { buf.deallocate() }
        for i in 0..<buf.count { buf[i] = UInt8(truncatingIfNeeded: i &* 7) }
        BlobReader.prefault(UnsafeMutableRawBufferPointer(rebasing: buf[5...]))
        #expect((0..<buf.count).allSatisfy { buf[$0] == UInt8(truncatingIfNeeded: $0 &* 7) })
    }
}

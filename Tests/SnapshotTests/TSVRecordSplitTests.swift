import Foundation
import Testing
@testable import Snapshot

/// `TSVRecordReader.split` copies runs of plain bytes at once; it must split every record as the byte-at-a-time
/// reader it replaced does (kept here as the reference): quoted cells, doubled quotes, text after a closing quote,
/// CR before the newline, records cut short with and without EOF.
@Suite struct TSVRecordSplitTests {
    /// The byte-at-a-time splitter, as it was.
    static func reference(_ b: [UInt8], atEOF: Bool) -> [[UInt8]]? {
        var fields = [[UInt8]](), cur = [UInt8](), i = 0
        let n = b.count
        var atStart = true
        while i < n {
            let c = b[i]
            if atStart && c == 0x22 {
                var j = i + 1, closed = false
                while j < n {
                    if b[j] == 0x22 {
                        if j + 1 < n && b[j + 1] == 0x22 { cur.append(0x22); j += 2; continue }
                        if j + 1 >= n && !atEOF { return nil }
                        closed = true; j += 1; break
                    }
                    cur.append(b[j]); j += 1
                }
                if !closed { return nil }
                i = j; atStart = false; continue
            }
            atStart = false
            if c == 0x09 { fields.append(cur); cur = []; atStart = true; i += 1; continue }
            if c == 0x0A {
                if cur.last == 0x0D { cur.removeLast() }
                fields.append(cur)
                return fields
            }
            cur.append(c); i += 1
        }
        guard atEOF else { return nil }
        fields.append(cur)
        return fields
    }

    @Test func splitsEveryRecordAsTheByteAtATimeReaderDid() {
        var rng = JSONTextWriterTests.Mix(state: 3)
        let alphabet: [UInt8] = Array("ab\"\"\t\n\r x".utf8) + [0xC3, 0xA9, 0x00]
        for round in 0..<20_000 {
            let length = round % 10 == 0 ? Int(rng.next() % 400) : Int(rng.next() % 40)
            let b = (0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            for atEOF in [false, true] {
                let got = TSVRecordReader.split(b, atEOF: atEOF), want = Self.reference(b, atEOF: atEOF)
                #expect(got == want, "\(b) atEOF \(atEOF)")
            }
        }
        #expect(TSVRecordReader.split([], atEOF: true) == [[]] && TSVRecordReader.split([], atEOF: false) == nil)
        let manifest = Array("x\t\"{\"\"kind\"\":\"\"Deployment\"\"}\"\tcart\r\n".utf8)
        #expect(TSVRecordReader.split(manifest, atEOF: false) == [Array("x".utf8), Array("{\"kind\":\"Deployment\"}".utf8), Array("cart".utf8)])
    }
}

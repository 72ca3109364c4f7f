import Foundation
import Logging
import MCP

/// The MCP stdio transport with bounds, for a server whose clients are untrusted. Lines (JSON-RPC messages) longer
/// than `maxMessageBytes` are refused with a JSON-RPC error and skipped without being buffered whole; batches of more
/// than `maxBatch` requests are refused the same way; newlines are looked for only in the bytes just read (the SDK's
/// transport rescans its whole buffer on every read, so a 5 MB line took minutes).
actor BoundedStdioTransport: Transport {
    nonisolated let logger: Logger
    static let maxMessageBytes = 1 << 20
    static let maxBatch = 64

    private var connected = false
    private let stream: AsyncThrowingStream<Data, Swift.Error>
    private let continuation: AsyncThrowingStream<Data, Swift.Error>.Continuation

    init(logger: Logger = Logger(label: "triage.mcp.transport")) {
        self.logger = logger
        var c: AsyncThrowingStream<Data, Swift.Error>.Continuation!
        stream = AsyncThrowingStream { c = $0 }
        continuation = c
    }

    func connect() async throws {
        guard !connected else { return }
        connected = true
        // Blocking reads on a thread of their own: the actor is never held while waiting for input.
        let cont = continuation, maxBytes = Self.maxMessageBytes, log = logger
        let t = Thread { [self] in
            var pending = [UInt8]()
            var skipping = false
            var buf = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = buf.withUnsafeMutableBytes { read(0, $0.baseAddress, $0.count) }
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { break }
                var start = 0
                for i in 0..<n where buf[i] == 0x0A {
                    if skipping { skipping = false }
                    else {
                        pending.append(contentsOf: buf[start..<i])
                        if !pending.isEmpty { self.deliver(Data(pending), cont) }
                    }
                    pending.removeAll(keepingCapacity: true)
                    start = i + 1
                }
                if !skipping {
                    pending.append(contentsOf: buf[start..<n])
                    if pending.count > maxBytes {
                        log.warning("refused a message over \(maxBytes) bytes")
                        self.reject(code: -32600, "message over \(maxBytes) bytes refused")
                        pending.removeAll(keepingCapacity: false)
                        skipping = true
                    }
                }
            }
            if !pending.isEmpty && !skipping { self.deliver(Data(pending), cont) }
            cont.finish()
        }
        t.stackSize = 1 << 20
        t.start()
    }

    /// Passes a message on, unless it is a batch over the limit.
    private nonisolated func deliver(_ d: Data, _ cont: AsyncThrowingStream<Data, Swift.Error>.Continuation) {
        if d.first == UInt8(ascii: "["), let arr = try? JSONSerialization.jsonObject(with: d) as? [Any], arr.count > Self.maxBatch {
            reject(code: -32600, "batch of \(arr.count) requests refused; at most \(Self.maxBatch)")
            return
        }
        cont.yield(d)
    }

    /// Writes a JSON-RPC error with a null id (the offending message could not be read).
    private nonisolated func reject(code: Int, _ message: String) {
        let obj: [String: Any] = ["jsonrpc": "2.0", "id": NSNull(), "error": ["code": code, "message": message]]
        guard var d = try? JSONSerialization.data(withJSONObject: obj) else { return }
        d.append(0x0A)
        Self.writeAll(d)
    }

    private static let writeLock = NSLock()

    static func writeAll(_ d: Data) {
        writeLock.lock(); defer { writeLock.unlock() }
        d.withUnsafeBytes { b in
            var off = 0
            while off < b.count {
                let w = write(1, b.baseAddress! + off, b.count - off)
                if w < 0 { if errno == EINTR || errno == EAGAIN { continue } else { return } }
                off += w
            }
        }
    }

    func disconnect() async {
        connected = false
        continuation.finish()
    }

    func send(_ data: Data) async throws {
        var d = data
        d.append(0x0A)
        Self.writeAll(d)
    }

    func receive() -> AsyncThrowingStream<Data, Swift.Error> { stream }
}

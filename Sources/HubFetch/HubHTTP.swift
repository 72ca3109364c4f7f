import Foundation
import Snapshot
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// HTTP as the Hub's own clients use it: a bearer token when given (never sent on to another host after a
/// redirect), redirects followed, 429 and 5xx retried with exponential backoff honouring `Retry-After`, and bodies
/// streamed to a file with `Range` to resume a partial one.
public final class HubHTTP: @unchecked Sendable {
    public let token: String?
    /// Attempts per request (the first and the retries).
    public var attempts = 6
    /// Longest wait between attempts, in seconds, whatever `Retry-After` asks.
    public var maxWait = 60.0
    /// Said once per retry (the reason and the wait), so a user sees why nothing moves.
    public var onRetry: (@Sendable (String) -> Void)?

    public init(token: String?) { self.token = token?.isEmpty == true ? nil : token }

    /// A whole (small) response body, e.g. an API answer; non-2xx answers are errors carrying the status.
    public func get(_ url: URL) throws -> (data: Data, headers: [String: String]) {
        try withRetries(url) {
            let r = try self.once(url, to: nil, from: 0)
            return (r.body, r.headers)
        }
    }

    /// Streams the body of `url` into `file`, appending from byte `offset` when the server honours `Range`, else
    /// starting over; `progress` gets each chunk's size. Returns the file's final size.
    public func download(_ url: URL, to file: String, progress: @escaping @Sendable (Int) -> Void) throws -> Int {
        try withRetries(url) {
            let have = (try? FileManager.default.attributesOfItem(atPath: file))?[.size] as? NSNumber
            let r = try self.once(url, to: file, from: have?.intValue ?? 0, progress: progress)
            return r.size
        }
    }

    func withRetries<T>(_ url: URL, _ body: () throws -> T) throws -> T {
        var attempt = 0
        while true {
            attempt += 1
            do { return try body() } catch let e as FetchError {
                let retriable = e.status == nil || e.status == 429 || (e.status ?? 0) >= 500
                guard retriable, attempt < attempts else { throw e }
                let wait = min(maxWait, e.retryAfter ?? pow(2, Double(attempt - 1)))
                onRetry?("\(e.description); retrying in \(String(format: "%.0f", wait)) s (attempt \(attempt + 1) of \(attempts))")
                Thread.sleep(forTimeInterval: wait)
            }
        }
    }

    struct Answer { var body = Data(); var headers: [String: String] = [:]; var size = 0 }

    /// One request. With `file`, a 2xx body goes to the file (appended on 206, from scratch on 200).
    func once(_ url: URL, to file: String?, from offset: Int, progress: (@Sendable (Int) -> Void)? = nil) throws -> Answer {
        var req = URLRequest(url: url, timeoutInterval: 60)
        if let token { req.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization") }
        req.setValue("triage/\(TriageVersion.string)", forHTTPHeaderField: "User-Agent")
        if file != nil, offset > 0 { req.setValue("bytes=\(offset)-", forHTTPHeaderField: "Range") }
        let task = StreamTask(request: req, file: file, offset: offset, progress: progress)
        return try task.run()
    }
}

extension FetchError {
    /// Seconds a 429 or 503 asked to wait.
    var retryAfter: Double? { retryAfterSeconds }
}

/// One request's life: a session of its own with this object as delegate, finished when the transfer ends.
final class StreamTask: NSObject, URLSessionDataDelegate, @unchecked Sendable {
    let request: URLRequest
    let file: String?
    let offset: Int
    let progress: (@Sendable (Int) -> Void)?
    private let done = DispatchSemaphore(value: 0)
    private var handle: FileHandle?
    private var answer = HubHTTP.Answer()
    private var status = 0
    private var failure: FetchError?

    init(request: URLRequest, file: String?, offset: Int, progress: (@Sendable (Int) -> Void)?) {
        self.request = request; self.file = file; self.offset = offset; self.progress = progress
    }

    func run() throws -> HubHTTP.Answer {
        let session = URLSession(configuration: .ephemeral, delegate: self, delegateQueue: nil)
        session.dataTask(with: request).resume()
        done.wait()
        session.finishTasksAndInvalidate()
        try? handle?.close()
        if let failure { throw failure }
        return answer
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                    completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
        let http = response as? HTTPURLResponse
        status = http?.statusCode ?? 0
        for (k, v) in http?.allHeaderFields ?? [:] { if let k = k as? String, let v = v as? String { answer.headers[k.lowercased()] = v } }
        if let file, (200..<300).contains(status) {
            let fm = FileManager.default
            if status != 206 || !fm.fileExists(atPath: file) { _ = fm.createFile(atPath: file, contents: nil) }   // 200: start over
            handle = FileHandle(forWritingAtPath: file)
            if status == 206 { _ = try? handle?.seekToEnd(); answer.size = offset }
            if handle == nil { failure = FetchError("\(file): cannot write"); completionHandler(.cancel); return }
        }
        completionHandler(.allow)
    }

    func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
        if let h = handle {
            do { try h.write(contentsOf: data) } catch { failure = FetchError("\(file ?? ""): cannot write: \(error)"); dataTask.cancel(); return }
            answer.size += data.count
            progress?(data.count)
        } else if answer.body.count < 1 << 20 {
            answer.body.append(data)
        }
    }

    /// The token stays with the Hub: a redirect to another host (its CDN) drops it; `Range` goes along.
    func urlSession(_ session: URLSession, task: URLSessionTask, willPerformHTTPRedirection response: HTTPURLResponse,
                    newRequest: URLRequest, completionHandler: @escaping (URLRequest?) -> Void) {
        var next = newRequest
        if let range = request.value(forHTTPHeaderField: "Range") { next.setValue(range, forHTTPHeaderField: "Range") }
        if next.url?.host != request.url?.host || next.url?.port != request.url?.port {
            next.setValue(nil, forHTTPHeaderField: "Authorization")
        } else if let auth = request.value(forHTTPHeaderField: "Authorization") {
            next.setValue(auth, forHTTPHeaderField: "Authorization")
        }
        completionHandler(next)
    }

    func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: Error?) {
        let url = request.url?.absoluteString ?? "?"
        if failure == nil {
            if let error {
                failure = FetchError("\(url): \(error.localizedDescription)")   // status nil: retried, resumed
            } else if !(200..<300).contains(status) {
                let text = String(decoding: answer.body.prefix(300), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                var e = FetchError("\(url): HTTP \(status)" + (answer.headers["x-error-message"].map { ": \($0)" } ?? (text.isEmpty ? "" : ": \(text)")), status: status)
                e.retryAfterSeconds = answer.headers["retry-after"].flatMap(Double.init)
                e.errorCode = answer.headers["x-error-code"]
                failure = e
            }
        }
        done.signal()
    }
}

import Snapshot

/// Simulates load-generator requests through the shop and writes their spans and logs,
/// feeding `Telemetry` so metrics and alerts agree with the traces.
struct TrafficGenerator {
    let spec: ScenarioSpec
    let roster: PodRoster
    let telemetry: Telemetry
    var rng: RNG
    let traces: TSVWriter
    let logs: TSVWriter
    let faults: [FaultModel]
    private var resourceCache: [String: String] = [:]
    private var logResourceCache: [String: String] = [:]
    private let collectorPod: String

    init(spec: ScenarioSpec, roster: PodRoster, telemetry: Telemetry, rng: RNG, traces: TSVWriter, logs: TSVWriter, faults: [FaultModel]) {
        self.spec = spec; self.roster = roster; self.telemetry = telemetry; self.rng = rng; self.traces = traces; self.logs = logs
        self.faults = faults
        var r = rng
        collectorPod = "otel-collector-\(r.k8sSuffix(10))-\(r.k8sSuffix(5))"
    }

    static func ts(_ t: Nanos) -> String { Timestamp.format(t, fraction: 9) }

    mutating func resourceAttrs(_ p: PodInstance) -> String {
        if let c = resourceCache[p.name] { return c }
        let s = AppModel.service(p.service)
        let r = PyRepr.dict([
            ("host.name", collectorPod), ("k8s.deployment.name", p.owner), ("k8s.namespace.name", p.namespace), ("k8s.node.name", p.node),
            ("k8s.pod.ip", p.ip), ("k8s.pod.name", p.name), ("k8s.pod.start_time", Timestamp.iso(p.start)), ("k8s.pod.uid", p.uid),
            ("os.type", "linux"), ("service.instance.id", p.uid), ("service.name", p.service), ("service.namespace", AppModel.current.partOf),
            ("service.version", "2.1.3"), ("telemetry.sdk.language", s.language), ("telemetry.sdk.name", "opentelemetry"),
            ("telemetry.sdk.version", "1.37.0"),
        ])
        resourceCache[p.name] = r
        return r
    }

    /// What happens to a call into `callee.operation` at `t`: no pod able to answer, or an active fault's effect.
    mutating func outcome(callee: String, operation: String, at t: Nanos, product: String) -> HopOutcome? {
        if !roster.available(callee, at: t) {
            return .unreachable("upstream connect error or disconnect/reset before headers. reset reason: remote connection failure, transport failure reason: delayed connect error: 111",
                                after: 1_000_000 + Int64(rng.int(2_000_000)))
        }
        for f in faults { if let o = f.outcome(callee: callee, operation: operation, at: t, product: product, rng: &rng) { return o } }
        return nil
    }

    struct SpanOut { var error: Bool; var end: Nanos; var message: String }

    /// Writes one request (all its spans) starting at `t`.
    /// `upstreamTimeout`: an image request the proxy times out on (the benchmark's pre-existing proxy errors).
    mutating func request(at t: Nanos, upstreamTimeout: Bool = false) {
        let minute = Int((t - spec.start) / 60_000_000_000)
        var flow = AppModel.flows[0]
        var x = rng.unit()
        for f in AppModel.flows { if x < f.weight { flow = f; break }; x -= f.weight }
        if upstreamTimeout, let image = AppModel.flows.first(where: { $0.name == "image" }) { flow = image }
        let traceID = rng.hex(32)
        let product = rng.pick(AppModel.products)
        let route = flow.route.replacingOccurrences(of: "{productId}", with: product).replacingOccurrences(of: "{image}", with: "\(product.lowercased()).jpg")
        let lgSpan = rng.hex(16), fpServer = rng.hex(16), fpClient = rng.hex(16), feServer = rng.hex(16)
        let app = AppModel.current
        let lg = roster.pod(for: app.loadGenerator, at: t), fp = roster.pod(for: app.proxy, at: t), fe = roster.pod(for: app.frontend, at: t)
        // Frontend and its downstream calls.
        var cursor = t + 1_500_000
        var feError = false
        var feMessage = ""
        let isImage = flow.name == "image"
        let proxyPort = AppModel.service(app.proxy).port
        var feBlocked: (String, Int64)? = nil
        if !isImage, case .unreachable(let msg, let after)? = outcome(callee: app.frontend, operation: flow.route, at: t, product: product) {
            feBlocked = (msg, after)
            feError = true; feMessage = msg
            cursor = t + after
        }
        if !isImage && feBlocked == nil {
            for hop in flow.hops where rng.chance(hop.probability) {
                let out = call(hop, caller: fe, parentSpan: feServer, traceID: traceID, at: cursor, product: product, minute: minute)
                cursor = out.end + Int64(rng.around(300_000))
                if out.error { feError = true; feMessage = out.message }
            }
        } else {
            let out = call(flow.hops[0], caller: fp, parentSpan: fpServer, traceID: traceID, at: cursor, product: product, minute: minute)
            cursor = out.end
            // Background noise: image requests time out now and then.
            if out.error || upstreamTimeout || rng.chance(0.03) { feError = true; feMessage = "upstream request timeout" }
        }
        let feEnd = cursor + Int64(rng.around(800_000))
        let status = feError ? 500 : 200
        if !isImage && feBlocked == nil {
            span(traceID, feServer, fpClient, "\(flow.method) \(flow.route.replacingOccurrences(of: "{productId}", with: "[productId]"))", "Server", fe,
                 ["http.method": flow.method, "http.route": flow.route, "http.status_code": "\(status)", "http.target": route],
                 start: t + 1_000_000, end: feEnd, error: feError, message: feError ? "Request failed with status code 500" : "", minute: minute, server: true)
        }
        let fpEnd = feEnd + Int64(rng.around(400_000))
        span(traceID, fpClient, fpServer, "router \(app.frontend) egress", "Client", fp,
             ["upstream_cluster": app.frontend, "http.status_code": "\(status)", "peer.address": "\(fe.ip):8080"],
             start: t + 800_000, end: fpEnd - 100_000, error: feError, message: "", minute: minute, server: false)
        span(traceID, fpServer, lgSpan, "ingress", "Server", fp,
             ["http.method": flow.method, "http.url": "http://\(app.proxy):\(proxyPort)\(route)", "http.status_code": "\(status)", "component": "proxy"],
             start: t + 500_000, end: fpEnd, error: feError, message: "", minute: minute, server: true)
        span(traceID, lgSpan, "", "\(flow.method)", "Client", lg,
             ["http.method": flow.method, "http.url": "http://\(app.proxy):\(proxyPort)\(route)", "http.status_code": "\(status)"],
             start: t, end: fpEnd + 300_000, error: feError, message: feError ? "\(status) Server Error: Internal Server Error for url: http://\(app.proxy):\(proxyPort)\(route)" : "",
             minute: minute, server: false)
        // Envoy access log and frontend log.
        let upstream = isImage ? "image-provider" : app.frontend
        let envoy = "[\(Timestamp.iso(t).dropLast())\(String(format: ".%03dZ", Int((t / 1_000_000) % 1000)))] \"\(flow.method) \(route) HTTP/1.1\" \(status) \(feError ? "UT response_timeout" : "- via_upstream") - \"-\" 0 \(feError ? 24 : 800 + rng.int(4000)) \(Int((fpEnd - t) / 1_000_000)) - \"-\" \"python-requests/2.32.5\" \"\(rng.uuid())\" \"\(app.proxy):\(proxyPort)\" \"\(fe.ip):8080\" \(upstream) - \(fp.ip):8080 \(lg.ip):\(40000 + rng.int(20000)) - -\n"
        log(fp, at: fpEnd, traceID: traceID, spanID: fpServer, level: nil, body: envoy, attrs: [("event.name", "proxy.access"), ("url.path", route)])
        if let (msg, _) = feBlocked {
            log(fp, at: feEnd, traceID: traceID, spanID: fpClient, level: .error, body: "upstream \(app.frontend): \(msg)", attrs: [])
        } else if feError && !isImage {
            log(fe, at: feEnd, traceID: traceID, spanID: feServer, level: .error, body: "Error: \(feMessage) (route \(flow.route))", attrs: [])
        } else if spec.verboseLogs && !isImage && rng.chance(0.3) {
            log(fe, at: feEnd, traceID: traceID, spanID: feServer, level: .info, body: "\(flow.method) \(route) \(status)", attrs: [])
        }
    }

    /// A call from `caller` to `hop.callee`: client span, server span, children. Returns error state and end time.
    mutating func call(_ hop: Hop, caller: PodInstance, parentSpan: String, traceID: String, at t: Nanos, product: String, minute: Int) -> SpanOut {
        let calleeSvc = AppModel.service(hop.callee)
        let spanName = calleeSvc.rpcService.map { "\($0)/\(hop.operation)" } ?? hop.operation
        let clientID = rng.hex(16)
        if hop.callee == "valkey-cart" {
            // Not instrumented: only the caller's client span exists.
            var d = Int64(rng.around(400_000))
            var message = ""
            switch outcome(callee: hop.callee, operation: hop.operation, at: t, product: product) {
            case .unreachable(let msg, let after)?: d = after; message = "It was not possible to connect to the redis server(s). \(msg)"
            case .slow(let extra)?: d += extra
            case .error(let msg)?: message = msg
            case nil: break
            }
            span(traceID, clientID, parentSpan, hop.operation, "Client", caller, ["db.system": "redis", "db.statement": "\(hop.operation) cart:\(rng.hex(8))", "net.peer.name": "valkey-cart"],
                 start: t, end: t + d, error: !message.isEmpty, message: message, minute: minute, server: false)
            if !message.isEmpty { log(caller, at: t + d, traceID: traceID, spanID: clientID, level: .error, body: message, attrs: []) }
            return SpanOut(error: !message.isEmpty, end: t + d, message: message)
        }
        if hop.callee == "kafka" {
            let d = Int64(rng.around(2_000_000))
            span(traceID, clientID, parentSpan, hop.operation, "Producer", caller, ["messaging.system": "kafka", "messaging.destination.name": "orders"],
                 start: t, end: t + d, error: false, message: "", minute: minute, server: false)
            for child in hop.children {
                let consumer = roster.pod(for: child.callee, at: t)
                let cs = t + d + Int64(rng.around(20_000_000))
                let cd = Int64(rng.around(child.callee == "fraud-detection" ? 6_000_000 : 3_000_000))
                span(traceID, rng.hex(16), clientID, child.operation, "Consumer", consumer, ["messaging.system": "kafka", "messaging.destination.name": "orders"],
                     start: cs, end: cs + cd, error: false, message: "", minute: minute, server: true)
                if spec.verboseLogs { log(consumer, at: cs + cd, traceID: traceID, spanID: clientID, level: .info, body: child.callee == "accounting" ? "Order details: orderId \(rng.uuid()) processed" : "Consumed record with orderId: \(rng.uuid()), and updated total count to: \(rng.int(5000))", attrs: []) }
            }
            return SpanOut(error: false, end: t + d, message: "")
        }
        let callee = roster.pod(for: hop.callee, at: t)
        let effect = outcome(callee: hop.callee, operation: hop.operation, at: t, product: product)
        if case .unreachable(let msg, let after)? = effect {
            let attrs: [String: String] = calleeSvc.rpcService != nil
                ? ["rpc.system": "grpc", "rpc.service": calleeSvc.rpcService!, "rpc.method": hop.operation, "rpc.grpc.status_code": "14", "net.peer.name": hop.callee]
                : ["http.method": "POST", "net.peer.name": hop.callee]
            span(traceID, clientID, parentSpan, spanName, "Client", caller, attrs, start: t, end: t + after, error: true,
                 message: "14 UNAVAILABLE: \(msg)", minute: minute, server: false)
            log(caller, at: t + after, traceID: traceID, spanID: clientID, level: .error, body: "failed to call \(spanName): 14 UNAVAILABLE: \(msg)", attrs: [])
            return SpanOut(error: true, end: t + after, message: "14 UNAVAILABLE: \(msg)")
        }
        let serverID = rng.hex(16)
        let serverStart = t + Int64(rng.around(350_000))
        var cursor = serverStart + Int64(rng.around(baseWork(hop.callee)))
        if case .slow(let extra)? = effect { cursor += extra }
        var error = false
        var message = ""
        for child in hop.children where rng.chance(child.probability) {
            let out = call(child, caller: callee, parentSpan: serverID, traceID: traceID, at: cursor, product: product, minute: minute)
            cursor = out.end + Int64(rng.around(150_000))
            if out.error { error = true; message = out.message }
        }
        if case .error(let m)? = effect { error = true; message = m }
        let serverEnd = cursor + Int64(rng.around(200_000))
        let clientEnd = serverEnd + Int64(rng.around(300_000))
        let isGRPC = calleeSvc.rpcService != nil
        var attrs: [String: String] = isGRPC
            ? ["rpc.system": "grpc", "rpc.service": calleeSvc.rpcService!, "rpc.method": hop.operation, "rpc.grpc.status_code": error ? "2" : "0"]
            : ["http.method": "POST", "http.status_code": error ? "500" : "200", "net.peer.name": hop.callee]
        if hop.callee == "product-catalog" && hop.operation == "GetProduct" { attrs["app.product.id"] = product }
        span(traceID, serverID, clientID, spanName, "Server", callee, attrs, start: serverStart, end: serverEnd, error: error, message: message, minute: minute, server: true)
        var cattrs = attrs
        cattrs["net.peer.name"] = hop.callee
        span(traceID, clientID, parentSpan, spanName, "Client", caller, cattrs, start: t, end: clientEnd, error: error, message: message, minute: minute, server: false)
        if error {
            log(callee, at: serverEnd, traceID: traceID, spanID: serverID, level: .error, body: message, attrs: [])
        } else if spec.verboseLogs && rng.chance(0.5) {
            log(callee, at: serverEnd, traceID: traceID, spanID: serverID, level: .info, body: infoMessage(hop, product: product), attrs: [])
        }
        return SpanOut(error: error, end: clientEnd, message: message)
    }

    func baseWork(_ svc: String) -> Double {
        switch svc {
        case "recommendation": return 4_000_000
        case "ad": return 2_500_000
        case "checkout": return 3_000_000
        case "payment": return 6_000_000
        case "email": return 9_000_000
        case "quote": return 2_000_000
        case "image-provider": return 1_500_000
        default: return 800_000
        }
    }

    func infoMessage(_ hop: Hop, product: String) -> String {
        switch (hop.callee, hop.operation) {
        case ("product-catalog", "GetProduct"): return "Product Found - product.id=\(product) product.name=Telescope"
        case ("product-catalog", "ListProducts"): return "Loaded \(AppModel.products.count) products"
        case ("cart", let op): return "\(op)Async called with userId=\(product.lowercased())"
        case ("currency", _): return "Currency conversion successful"
        case ("recommendation", _): return "Receive ListRecommendations for product ids:['\(product)']"
        case ("ad", _): return "Targeted ad request received for [telescopes]"
        case ("payment", _): return "Transaction complete. transactionId: \(product.lowercased())"
        case ("checkout", _): return "payment went through (transaction_id: \(product.lowercased()))"
        case ("email", _): return "Order confirmation email sent to: someone@example.com"
        case ("shipping", _): return "Received quote: 8.99 USD"
        case ("quote", _): return "Calculated quote"
        case ("flagd", _): return "flag evaluation completed"
        default: return "\(hop.operation) ok"
        }
    }

    mutating func span(_ traceID: String, _ spanID: String, _ parent: String, _ name: String, _ kind: String, _ pod: PodInstance,
                       _ attrs: [String: String], start: Nanos, end: Nanos, error: Bool, message: String, minute: Int, server: Bool) {
        let res = resourceAttrs(pod)
        let scope = pod.service == AppModel.current.proxy ? "envoy" : "opentelemetry.instrumentation.\(AppModel.service(pod.service).rpcService != nil ? "grpc" : "http")"
        traces.row([Self.ts(start), traceID, spanID, parent, "", name, kind, pod.service, res, scope, "0.58b0",
                    PyRepr.dict(attrs.sorted { $0.key < $1.key }), String(end - start), error ? "Error" : "Unset", message,
                    "[]", "[]", "[]", "[]", "[]", "[]", "[]"])
        telemetry.record(service: pod.service, pod: pod.name, span: name, kind: kind, error: error,
                         durationMs: Double(end - start) / 1e6, minute: minute, server: server)
    }

    enum Level { case info, error }

    mutating func log(_ pod: PodInstance, at t: Nanos, traceID: String, spanID: String, level: Level?, body: String, attrs: [(String, String)]) {
        let lang = AppModel.service(pod.service).language
        var sevText = "", sevNum = "0"
        if let level {
            switch (lang, level) {
            case ("dotnet", .info): sevText = "Information"; sevNum = "9"
            case ("dotnet", .error): sevText = "Error"; sevNum = "17"
            case ("nodejs", .info): sevText = "info"; sevNum = "9"
            case ("nodejs", .error): sevText = "error"; sevNum = "17"
            case (_, .info): sevText = "INFO"; sevNum = "9"
            case (_, .error): sevText = "ERROR"; sevNum = "17"
            }
        }
        let res: String
        if let c = logResourceCache[pod.name] { res = c } else {
            res = PyRepr.dict([("k8s.deployment.name", pod.owner), ("k8s.namespace.name", pod.namespace), ("k8s.node.name", pod.node),
                               ("k8s.pod.name", pod.name), ("k8s.pod.uid", pod.uid), ("service.name", pod.service), ("service.namespace", AppModel.current.partOf)])
            logResourceCache[pod.name] = res
        }
        logs.row([Self.ts(t), Timestamp.format(t, fraction: 0), traceID, spanID, "1", sevText, sevNum, pod.service, body, "", res, "",
                  pod.service == AppModel.current.proxy ? "envoy" : "\(pod.service)-logger", "", "{}", PyRepr.dict(attrs)], trailingTab: true)
    }
}

/// One workload of an application the generator runs: its language, port, image and Kubernetes shape.
struct AppService: Sendable {
    let name: String
    let language: String
    let port: Int
    let image: String
    /// gRPC service/method prefix or HTTP, for span names.
    let rpcService: String?
    var replicas = 1
    var memoryLimitMiB = 256
    var cpuLimitMilli = 500
    var usesFlagd = false
    var hasService = true
    /// A second Service selecting this workload (book-info's `reviews` beside `reviews-v1`), shared by versions.
    var sharedService: String? = nil
}

/// One hop of a request flow: caller → callee with the operation name.
struct Hop: Sendable {
    let callee: String
    let operation: String
    let children: [Hop]
    let probability: Double
    init(_ callee: String, _ operation: String, p: Double = 1, _ children: [Hop] = []) {
        self.callee = callee; self.operation = operation; self.children = children; self.probability = p
    }
}

/// A user action the load generator performs, with its share of traffic.
struct Flow: Sendable {
    let name: String
    let method: String
    let route: String
    let weight: Double
    let hops: [Hop]
}

/// The application of a generated incident: the otel-demo shop (triage's own incidents and most ITBench scenarios) or
/// Istio's book-info (ITBench's `bookInfo`). The generator reads it through `AppModel.current`.
struct AppDefinition: Sendable {
    var name: String
    var namespace: String
    /// `app.kubernetes.io/part-of` and `service.namespace`.
    var partOf: String
    var services: [AppService]
    var flows: [Flow]
    var products: [String]
    /// The load generator, the edge proxy it calls and the first application service behind it.
    var loadGenerator: String
    var proxy: String
    var frontend: String
    /// Who calls a service on the main request path (nil: nobody, or many).
    var callers: [String: String]
    /// Whether this is the otel-demo shop (flagd, its ConfigMaps and the frontend HPA exist only there).
    var isOtelDemo: Bool { name == "otel-demo" }

    static let otelDemo = AppDefinition(name: "otel-demo", namespace: "otel-demo", partOf: "opentelemetry-demo", services: AppModel.otelServices,
                                        flows: AppModel.otelFlows, products: AppModel.products, loadGenerator: "load-generator",
                                        proxy: "frontend-proxy", frontend: "frontend",
                                        callers: ["frontend": "frontend-proxy", "valkey-cart": "cart", "quote": "shipping", "accounting": "checkout",
                                                  "fraud-detection": "checkout", "postgresql": "accounting", "product-reviews": "frontend"])

    /// The workload named `name`, or a generic one (a service a ground truth names that the model lacks).
    func service(_ name: String) -> AppService {
        services.first { $0.name == name } ?? AppService(name: name, language: "go", port: 8080, image: "ghcr.io/open-telemetry/demo:2.1.3-\(name)", rpcService: nil)
    }

    /// This application with generic workloads added for `names` it does not have.
    func adding(_ names: [String]) -> AppDefinition {
        var a = self
        for n in names where !a.services.contains(where: { $0.name == n }) { a.services.append(service(n)) }
        return a
    }
}

enum AppModel {
    /// The application being generated (otel-demo unless a generation runs inside `$current.withValue`).
    @TaskLocal static var current = AppDefinition.otelDemo
    static var namespace: String { current.namespace }
    static var services: [AppService] { current.services }
    static var flows: [Flow] { current.flows }
    static func service(_ name: String) -> AppService { current.service(name) }

    static let otelServices: [AppService] = [
        AppService(name: "frontend-proxy", language: "cpp", port: 8080, image: "ghcr.io/open-telemetry/demo:2.1.3-frontend-proxy", rpcService: nil, memoryLimitMiB: 65),
        AppService(name: "frontend", language: "nodejs", port: 8080, image: "ghcr.io/open-telemetry/demo:2.1.3-frontend", rpcService: nil, memoryLimitMiB: 250),
        AppService(name: "ad", language: "java", port: 8080, image: "ghcr.io/open-telemetry/demo:2.1.3-ad", rpcService: "oteldemo.AdService", memoryLimitMiB: 300, usesFlagd: true),
        AppService(name: "cart", language: "dotnet", port: 8080, image: "ghcr.io/open-telemetry/demo:2.1.3-cart", rpcService: "oteldemo.CartService", memoryLimitMiB: 160, usesFlagd: true),
        AppService(name: "checkout", language: "go", port: 8080, image: "ghcr.io/open-telemetry/demo:2.1.3-checkout", rpcService: "oteldemo.CheckoutService", memoryLimitMiB: 20),
        AppService(name: "currency", language: "cpp", port: 8080, image: "ghcr.io/open-telemetry/demo:2.1.3-currency", rpcService: "oteldemo.CurrencyService", memoryLimitMiB: 20),
        AppService(name: "email", language: "ruby", port: 8080, image: "ghcr.io/open-telemetry/demo:2.1.3-email", rpcService: nil, memoryLimitMiB: 100),
        AppService(name: "payment", language: "nodejs", port: 8080, image: "ghcr.io/open-telemetry/demo:2.1.3-payment", rpcService: "oteldemo.PaymentService", memoryLimitMiB: 120, usesFlagd: true),
        AppService(name: "product-catalog", language: "go", port: 8080, image: "ghcr.io/open-telemetry/demo:2.1.3-product-catalog", rpcService: "oteldemo.ProductCatalogService", memoryLimitMiB: 20, usesFlagd: true),
        AppService(name: "quote", language: "php", port: 8080, image: "ghcr.io/open-telemetry/demo:2.1.3-quote", rpcService: nil, memoryLimitMiB: 40),
        AppService(name: "recommendation", language: "python", port: 8080, image: "ghcr.io/open-telemetry/demo:2.1.3-recommendation", rpcService: "oteldemo.RecommendationService", memoryLimitMiB: 500, usesFlagd: true),
        AppService(name: "shipping", language: "rust", port: 8080, image: "ghcr.io/open-telemetry/demo:2.1.3-shipping", rpcService: nil, memoryLimitMiB: 20),
        AppService(name: "fraud-detection", language: "kotlin", port: 8080, image: "ghcr.io/open-telemetry/demo:2.1.3-fraud-detection", rpcService: nil, memoryLimitMiB: 300, usesFlagd: true, hasService: false),
        AppService(name: "accounting", language: "dotnet", port: 8080, image: "ghcr.io/open-telemetry/demo:2.1.3-accounting", rpcService: nil, memoryLimitMiB: 120, hasService: false),
        AppService(name: "kafka", language: "java", port: 9092, image: "ghcr.io/open-telemetry/demo:2.1.3-kafka", rpcService: nil, memoryLimitMiB: 600),
        AppService(name: "valkey-cart", language: "c", port: 6379, image: "valkey/valkey:8.1.3-alpine", rpcService: nil, memoryLimitMiB: 20),
        AppService(name: "flagd", language: "go", port: 8013, image: "ghcr.io/open-feature/flagd:v0.12.8", rpcService: "flagd.evaluation.v1.Service", memoryLimitMiB: 75),
        AppService(name: "load-generator", language: "python", port: 8089, image: "ghcr.io/open-telemetry/demo:2.1.3-load-generator", rpcService: nil, memoryLimitMiB: 1500),
        AppService(name: "image-provider", language: "cpp", port: 8081, image: "ghcr.io/open-telemetry/demo:2.1.3-image-provider", rpcService: nil, memoryLimitMiB: 50),
    ]

    static let products = ["OLJCESPC7Z", "66VCHSJNUP", "1YMWWN1N4O", "L9ECAV7KIM", "2ZYFJ3GM2N", "0PUK6V6EV0", "LS4PSXUNUM", "9SIQT8TOJO", "6E92ZMYYFZ", "HQTGWGPNH4"]

    /// Request flows from the load generator through frontend-proxy.
    static let otelFlows: [Flow] = [
        Flow(name: "browse", method: "GET", route: "/api/products/{productId}", weight: 0.40, hops: [
            Hop("product-catalog", "GetProduct"),
            Hop("currency", "Convert", p: 0.8),
            Hop("recommendation", "ListRecommendations", p: 0.9, [Hop("product-catalog", "ListProducts"), Hop("flagd", "ResolveBoolean", p: 0.5)]),
            Hop("ad", "GetAds", p: 0.9, [Hop("flagd", "ResolveBoolean")]),
        ]),
        Flow(name: "home", method: "GET", route: "/api/products", weight: 0.15, hops: [
            Hop("product-catalog", "ListProducts"), Hop("currency", "GetSupportedCurrencies"),
        ]),
        Flow(name: "view-cart", method: "GET", route: "/api/cart", weight: 0.15, hops: [
            Hop("cart", "GetCart", [Hop("valkey-cart", "HGET")]),
            Hop("recommendation", "ListRecommendations", p: 0.7, [Hop("product-catalog", "ListProducts")]),
        ]),
        Flow(name: "add-to-cart", method: "POST", route: "/api/cart", weight: 0.15, hops: [
            Hop("cart", "AddItem", [Hop("valkey-cart", "HSET"), Hop("flagd", "ResolveBoolean", p: 0.3)]),
        ]),
        Flow(name: "checkout", method: "POST", route: "/api/checkout", weight: 0.10, hops: [
            Hop("checkout", "PlaceOrder", [
                Hop("cart", "GetCart", [Hop("valkey-cart", "HGET")]),
                Hop("product-catalog", "GetProduct"),
                Hop("currency", "Convert"),
                Hop("shipping", "GetQuote", [Hop("quote", "calculate-quote")]),
                Hop("payment", "Charge", [Hop("flagd", "ResolveBoolean")]),
                Hop("shipping", "ShipOrder"),
                Hop("cart", "EmptyCart", [Hop("valkey-cart", "DEL")]),
                Hop("email", "SendOrderConfirmation"),
                Hop("kafka", "orders publish", [Hop("accounting", "orders process"), Hop("fraud-detection", "orders process")]),
            ]),
        ]),
        Flow(name: "image", method: "GET", route: "/images/products/{image}", weight: 0.05, hops: [Hop("image-provider", "GET /images")]),
    ]

    /// Infrastructure namespaces and their workloads (benchmark noise).
    static let infra: [(ns: String, name: String, kind: String)] = [
        ("data-recorders", "k8s-objects-recorder", "Deployment"),
        ("data-recorders", "otel-collector-recorder", "Deployment"),
        ("kube-system", "topology-monitor", "StatefulSet"),
        ("kube-system", "coredns", "Deployment"),
        ("prometheus", "prometheus-kube-prometheus-operator", "Deployment"),
        ("clickhouse", "clickhouse-operator", "Deployment"),
        ("ingress-nginx", "ingress-nginx-controller", "Deployment"),
        ("chaos-mesh", "chaos-controller-manager", "Deployment"),
        ("chaos-mesh", "chaos-daemon", "DaemonSet"),
    ]
}

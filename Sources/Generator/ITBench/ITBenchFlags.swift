/// What each otel-demo feature flag does when it is on, as the demo implements it: the service it acts on and the
/// effect on its calls (errors, latency, unreachability) or its resources.
enum ITBenchFlags {
    struct Behaviour { var service: String; var operation: String?; var kind: ITBenchEffect.Kind?; var share: Double; var memory = 1.0; var cpu = 0.0 }

    static func behaviour(_ flag: String) -> Behaviour? {
        switch flag {
        case "productCatalogFailure": return Behaviour(service: "product-catalog", operation: "GetProduct", kind: .error("Error: Product Catalog Fail Feature Flag Enabled"), share: 0.15)
        case "recommendationCacheFailure": return Behaviour(service: "recommendation", operation: nil, kind: .slow(1_400_000_000), share: 0.5, memory: 2.6)
        case "adManualGc": return Behaviour(service: "ad", operation: nil, kind: .slow(2_200_000_000), share: 0.3, memory: 1.6)
        case "adHighCpu": return Behaviour(service: "ad", operation: nil, kind: .slow(900_000_000), share: 0.6, cpu: 0.9)
        case "adFailure": return Behaviour(service: "ad", operation: "GetAds", kind: .error("io.grpc.StatusRuntimeException: RESOURCE_EXHAUSTED"), share: 0.5)
        case "kafkaQueueProblems": return Behaviour(service: "kafka", operation: nil, kind: nil, share: 1, memory: 1.8, cpu: 0.7)
        case "cartFailure": return Behaviour(service: "cart", operation: "EmptyCart", kind: .error("Can't access cart storage. System.ApplicationException: Wasn't able to connect to redis"), share: 1)
        case "paymentFailure": return Behaviour(service: "payment", operation: "Charge", kind: .error("Payment request failed. Invalid token. app.loyalty.level=gold"), share: 0.5)
        case "paymentUnreachable": return Behaviour(service: "payment", operation: nil, kind: .unreachable("No connection established. Last error: connect ECONNREFUSED badAddress:50051"), share: 1)
        case "loadGeneratorFloodHomepage": return Behaviour(service: "frontend", operation: nil, kind: .slow(1_300_000_000), share: 0.7, cpu: 0.8)
        case "imageSlowLoad": return Behaviour(service: "image-provider", operation: nil, kind: .slow(5_000_000_000), share: 1)
        default: return nil
        }
    }

    static let known = ["productCatalogFailure", "recommendationCacheFailure", "adManualGc", "adHighCpu", "adFailure", "kafkaQueueProblems",
                        "cartFailure", "paymentFailure", "paymentUnreachable", "loadGeneratorFloodHomepage", "imageSlowLoad"]
}

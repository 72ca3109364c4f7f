/// Istio's book-info, as ITBench deploys it (`bookInfo`): versioned workloads (`reviews-v1`…`v3`) each with a Service
/// of its own name (Istio's `bookinfo-versions.yaml`) and a shared one (`reviews`), behind the `bookinfo-gateway-istio`
/// Gateway, with a load generator calling `/productpage`.
extension AppDefinition {
    static let bookInfo: AppDefinition = {
        func svc(_ name: String, _ lang: String, shared: String?, image: String, memory: Int = 256) -> AppService {
            var s = AppService(name: name, language: lang, port: 9080, image: image, rpcService: nil, memoryLimitMiB: memory)
            s.sharedService = shared
            return s
        }
        var gateway = AppService(name: "bookinfo-gateway-istio", language: "cpp", port: 80, image: "docker.io/istio/proxyv2:1.26.2", rpcService: nil, memoryLimitMiB: 128)
        gateway.cpuLimitMilli = 2000
        let services = [
            gateway,
            svc("productpage-v1", "python", shared: "productpage", image: "docker.io/istio/examples-bookinfo-productpage-v1:1.20.3", memory: 300),
            svc("details-v1", "ruby", shared: "details", image: "docker.io/istio/examples-bookinfo-details-v1:1.20.3"),
            svc("reviews-v1", "java", shared: "reviews", image: "docker.io/istio/examples-bookinfo-reviews-v1:1.20.3", memory: 512),
            svc("reviews-v2", "java", shared: "reviews", image: "docker.io/istio/examples-bookinfo-reviews-v2:1.20.3", memory: 512),
            svc("reviews-v3", "java", shared: "reviews", image: "docker.io/istio/examples-bookinfo-reviews-v3:1.20.3", memory: 512),
            svc("ratings-v1", "nodejs", shared: "ratings", image: "docker.io/istio/examples-bookinfo-ratings-v1:1.20.3"),
            AppService(name: "load-generator", language: "python", port: 8089, image: "docker.io/locustio/locust:2.37.10", rpcService: nil, memoryLimitMiB: 512, hasService: false),
        ]
        let flows = [
            Flow(name: "productpage-v1", method: "GET", route: "/productpage", weight: 0.34, hops: [
                Hop("details-v1", "GET /details/{id}"), Hop("reviews-v1", "GET /reviews/{id}"),
            ]),
            Flow(name: "productpage-v2", method: "GET", route: "/productpage", weight: 0.33, hops: [
                Hop("details-v1", "GET /details/{id}"), Hop("reviews-v2", "GET /reviews/{id}", [Hop("ratings-v1", "GET /ratings/{id}")]),
            ]),
            Flow(name: "productpage-v3", method: "GET", route: "/productpage", weight: 0.33, hops: [
                Hop("details-v1", "GET /details/{id}"), Hop("reviews-v3", "GET /reviews/{id}", [Hop("ratings-v1", "GET /ratings/{id}")]),
            ]),
        ]
        return AppDefinition(name: "book-info", namespace: "book-info", partOf: "bookinfo", services: services, flows: flows, products: ["0"],
                             loadGenerator: "load-generator", proxy: "bookinfo-gateway-istio", frontend: "productpage-v1",
                             callers: ["productpage-v1": "bookinfo-gateway-istio", "details-v1": "productpage-v1", "reviews-v1": "productpage-v1",
                                       "reviews-v2": "productpage-v1", "reviews-v3": "productpage-v1", "ratings-v1": "reviews-v2"])
    }()
}

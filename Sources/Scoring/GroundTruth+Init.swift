/// A public memberwise initialiser, for code that builds a ground truth by hand (label mode, generators, tests).
extension GroundTruth {
    public init(schema: Schema = .v1flat, name: String? = nil, groups: [Group] = [], aliases: [[String]] = [],
                propagations: [Propagation] = [], alerts: [AlertRef] = [], faults: [Fault] = []) {
        self.schema = schema
        self.name = name
        self.groups = groups
        self.aliases = aliases
        self.propagations = propagations
        self.alerts = alerts
        self.faults = faults
    }
}

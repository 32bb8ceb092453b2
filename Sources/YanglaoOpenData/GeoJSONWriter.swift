/// Streams facilities that have coordinates into a GeoJSON FeatureCollection
/// (RFC 7946: longitude first, WGS 84).
public final class GeoJSONWriter {
    private let file: OutputFile
    private let name: String
    public private(set) var features = 0

    /// `dataAsOf` and `sample` are written as foreign members of the collection (RFC 7946 §6.1):
    /// a file opened in a map tool, away from the site's banner, still says its date and whether
    /// its facilities are the sample's invented ones.
    public init(path: String, name: String, dataAsOf: String, sample: Bool) throws {
        file = try OutputFile(path: path)
        self.name = name
        try file.write("{\"type\":\"FeatureCollection\",\"data_as_of\":\(JSONFormat.string(dataAsOf)),\"sample\":\(sample),\"features\":[")
    }

    /// Adds a point; `properties` keep their order.
    public func append(id: String, longitude: Double, latitude: Double, properties: [(String, Cell)]) throws {
        let props = JSONValue.object(properties.map { ($0.0, JSONValue($0.1)) }).compact
        try file.write((features == 0 ? "\n" : ",\n")
            + "{\"type\":\"Feature\",\"id\":\(JSONFormat.string(id)),\"geometry\":{\"type\":\"Point\",\"coordinates\":["
            + JSONFormat.number(longitude, decimals: 6) + "," + JSONFormat.number(latitude, decimals: 6)
            + "]},\"properties\":\(props)}")
        features += 1
    }

    public func finish() throws -> PublishedFile {
        try file.write("\n]}\n")
        try file.close()
        return PublishedFile(name: name, format: .geojson, bytes: file.size, sha256: file.sha256)
    }
}

// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "yanglao",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "yanglao", targets: ["yanglao"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/swhitty/FlyingFox", .upToNextMinor(from: "0.27.1")), // 0.x: a minor release may break
        .package(url: "https://github.com/weichsel/ZIPFoundation", .upToNextMinor(from: "0.9.20")),
    ],
    targets: [
        // C libraries from Debian, one shim each.
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3", providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(name: "CCmarkGFM", pkgConfig: "libcmark-gfm",
                       providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]),

        // Data contract, SQLite access and the CSV and .xlsx loader.
        .target(name: "YanglaoStore", dependencies: ["CSQLite", .product(name: "ZIPFoundation", package: "ZIPFoundation")],
                // ICU as shipped inside the toolchain's Foundation on Linux, for sorting names by pinyin (ChineseOrder).
                linkerSettings: [.linkedLibrary("_FoundationICU", .when(platforms: [.linux]))]),
        // Pure computations over records: indicators, targets, disclosure rules.
        .target(name: "YanglaoIndicators", dependencies: ["YanglaoStore"]),
        // Every rule a database must pass before it is published.
        .target(name: "YanglaoValidation", dependencies: ["YanglaoStore", "YanglaoIndicators"]),
        // Markdown with front matter -> safe HTML (cmark-gfm).
        .target(name: "YanglaoMarkdown", dependencies: ["CCmarkGFM", "Yams"]),
        // Datasets: CSV / JSON encoders and the dataset catalogue.
        .target(name: "YanglaoOpenData", dependencies: [
            "YanglaoStore", "YanglaoIndicators", .product(name: "Crypto", package: "swift-crypto"),
        ]),
        // HTML pages and the build pipeline that writes the site.
        .target(name: "YanglaoSite",
                dependencies: ["YanglaoStore", "YanglaoIndicators", "YanglaoMarkdown", "YanglaoOpenData", "YanglaoValidation"]),
        // `yanglao sample`: synthetic national databases for benchmarks.
        .target(name: "YanglaoSample", dependencies: ["YanglaoStore"]),
        // `yanglao serve`: local preview that rebuilds and reloads on change.
        .target(name: "YanglaoPreview", dependencies: ["YanglaoSite", .product(name: "FlyingFox", package: "FlyingFox"),
                                                    .product(name: "FlyingSocks", package: "FlyingFox")]),
        .executableTarget(name: "yanglao", dependencies: [
            "YanglaoSite", "YanglaoPreview", "YanglaoSample", "YanglaoMarkdown",
            .product(name: "ArgumentParser", package: "swift-argument-parser"),
        ]),
        .testTarget(name: "YanglaoTests",
                    dependencies: ["YanglaoStore", "YanglaoIndicators", "YanglaoMarkdown", "YanglaoOpenData",
                                   "YanglaoValidation", "YanglaoSite", "YanglaoSample", "YanglaoPreview",
                                   .product(name: "FlyingFox", package: "FlyingFox"), .product(name: "ZIPFoundation", package: "ZIPFoundation")]),
    ]
)

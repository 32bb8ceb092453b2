import YanglaoIndicators
import YanglaoOpenData
import YanglaoStore

/// Search, the directory finder and the compare page. Each says what to do
/// without JavaScript and offers the static lists instead.
struct FindPages {
    let context: SiteContext
    let layout: Layout

    var staticWays: HTML {
        let all = context.publishedRegions.filter { $0.level == "county" }
        // A national site has thousands of counties: then the regions page lists them.
        let counties: [HTML] = all.count <= 60
            ? all.map { "<a href=\"\(context.url("regions/\($0.code)/"))\">\($0.name)</a>" }
            : ["<a href=\"\(context.url("regions/"))\">各地区（\(all.count) 个县、市、区）</a>"]
        let levels: [HTML] = (1...5).reversed().map { "<a href=\"\(context.url("ratings/"))#level-\($0)\">\(RatingState.levelName($0))</a>" }
        return """
            <h2>按地区和等级查找</h2>
            <p class="links">按地区：\(counties.joined("　"))</p>
            <p class="links">按等级：\(levels.joined("　"))　<a href="\(context.url("institutions/"))">全部机构名录</a></p>
            """
    }

    func search() -> String {
        layout.page(title: "搜索", path: "search/", body: """
            <form role="search" aria-label="搜索本站" action="\(context.url("search/"))" class="finder">
            <label for="search-page-q">搜索机构名称、地址、地区、政策和服务项目（可以只输入几个字）</label>
            <p class="site-search"><input id="search-page-q" name="q" type="search"><button type="submit">搜索</button></p>
            </form>
            <p id="search-status" class="vh" role="status"></p>
            <p class="quick-find" id="near-hint" hidden><a href="\(context.url("institutions/?category=institution&sort=distance&ask=1"))">按离您远近查找养老机构</a>（点开后允许使用位置；位置只在您的手机上计算，不会发送出去）</p>
            <p class="quick-find" id="fee-hint" hidden>本站没有收录收费标准。请直接打电话问机构（每家机构的电话在它的页面上，名称下方），也可拨打 <a href="tel:12345">12345</a> 咨询。</p>
            <div id="search-results"\(places) data-synonyms="\(Self.synonymsJSON)"><noscript><p>搜索需要浏览器启用 JavaScript。不用搜索也能找到机构：<a href="\(context.url("regions/"))">按地区浏览</a>，或查看<a href="\(context.url("institutions/"))">全部机构名录</a>；也可以按下面的地区和等级查找。</p></noscript></div>
            \(staticWays)
            """)
    }

    /// On a one-city site, its counties as `[[code, name], …]`: a query naming one of them and
    /// a kind of home ("翼城养老院") gets a link to that county's care homes in the directory,
    /// which lists them all (search lists the best matches). The directory filters by county
    /// only on such a site.
    /// The site's own city comes last, with an empty code ("临汾养老院": every care home).
    var places: HTML {
        guard let city = context.scope.single else { return .empty }
        let counties = context.publishedRegions.filter { $0.level == "county" }
        guard !counties.isEmpty else { return .empty }
        let all = counties.map { JSONValue.array([.string($0.code), .string($0.name)]) } + [.array([.string(""), .string(city.name)])]
        return " data-places=\"\(JSONValue.array(all).compact)\""
    }

    /// Words families search by that the records say otherwise: a query with one that finds
    /// nothing whole is tried with the other ("老人院" → 养老院). Sent with the search page (the script's budget).
    static let synonyms: KeyValuePairs<String, String> = ["老人院": "养老院", "老年院": "养老院", "福利院": "敬老院", "托老所": "日间照料", "送餐": "助餐",
                                                        "老年食堂": "助餐", "老人食堂": "助餐", "长者食堂": "助餐", "养老金": "养老保险", "护工": "护理员"]
    static let synonymsJSON = JSONValue.object(synonyms.map { ($0.key, JSONValue.string($0.value)) }).compact

    func compare() -> String {
        layout.page(title: "机构对比", path: "compare/", body: """
            <p class="lead no-print">并排比较最多 3 家机构的地址电话、等级、床位、护理员、入住率、医养结合、消防验收和公示中的处罚。<span>在<a href="\(context.url("institutions/"))">机构名录</a>或机构页面点“加入对比”即可加入。</span></p>
            <p id="compare-status" class="vh" role="status"></p>
            <div id="compare-table" data-words="\(JSONValue.array([.array(SpotCheck.passWords.map(JSONValue.string)), .array(SpotCheck.findingWords.map(JSONValue.string))]).compact)"><noscript><p>对比功能需要浏览器启用 JavaScript。您可以分别打开各机构页面查看同样的信息。</p></noscript></div>
            \(context.glossaryPath.map { (path: String) -> HTML in "<p class=\"no-print\">表中的“医养结合”“护理型床位”等词语是什么意思，请看<a href=\"\(context.url(path))\">常见词语解释</a>。</p>" } ?? .empty)
            """)
    }

    /// `/sitemap/`: every section in one list, for readers (sitemap.xml is for search engines).
    /// `pages`: the free pages of content/pages (slug, title), about first.
    func siteMap(pages: [(slug: String, title: String)]) -> String {
        let about: [String: String] = [
            "institutions/": "全部养老机构和设施，按地区排列，可筛选、排序和按离您远近查找",
            "ratings/": "养老机构等级评定结果，各等级机构名单和分布",
            "credit/": "黑名单、失信惩戒、行政处罚、抽查检查和守信激励",
            "regions/": "各地人口、设施、主要指标和机构名单",
            "indicators/": "规划指标的当前值、目标完成情况和计算方法",
            "services/": "基本养老服务清单：服务对象、内容和负责部门",
            "policies/": "养老服务政策文件和规划",
            "data/": "可下载的数据集、字段说明和每次更新的变化",
        ]
        let sections: [HTML] = Layout.nav.map { item in
            let label = item.path == "regions/" ? context.regionsTitle : item.label
            return "<li><a href=\"\(context.url(item.path))\">\(label)</a><br><span class=\"muted\">\(about[item.path] ?? "")</span></li>"
        }
        var more: [HTML] = [
            "<li><a href=\"\(context.url("search/"))\">搜索</a>：按机构名称、地址、地区、等级或信用情况查找</li>",
            "<li><a href=\"\(context.url("compare/"))\">机构对比</a>：并排比较最多 3 家机构</li>",
        ]
        for p in pages { more.append("<li><a href=\"\(context.url(p.slug + "/"))\">\(p.title)</a></li>") }
        more.append("<li><a href=\"\(context.url("feed.xml"))\">订阅更新</a>：评级、信用信息和数据的更新（Atom 格式，用 RSS 阅读器订阅）</li>")
        if context.hasPublicAddress {
            more.append("<li><a href=\"\(context.url("sitemap.xml"))\">sitemap.xml</a>：供搜索引擎使用的全部页面清单</li>")
        }
        return layout.page(title: "网站地图", path: "sitemap/", body: """
            <h2>栏目</h2>
            <ul class="cards">\(sections)</ul>
            <h2>其他</h2>
            <ul>\(more)</ul>
            \(staticWays)
            """)
    }

    /// The filter panel of the directory's first page (shown by the script).
    func finder() -> HTML {
        // The script fills the region lists from search/f-index.json (thousands of counties nationally).
        return """
            <section id="finder" class="finder" aria-labelledby="finder-title" hidden>
            <h2 id="finder-title">筛选和排序</h2>
            <form id="finder-form">
            <label hidden>省份<select name="province"><option value="">全部</option></select></label>
            <label hidden>城市<select name="city"><option value="">全部</option></select></label>
            <label>县（市、区）<select name="county"><option value="">全部</option></select></label>
            <label>类别<select name="category"><option value="">全部类别</option><option value="institution">养老机构</option><option value="community">城市社区养老服务设施</option><option value="township_centre">乡镇区域养老服务中心</option><option value="village_daycare">农村日间照料中心</option></select></label>
            <label>性质<select name="ownership"><option value="">全部</option><option value="public">公办</option><option value="private">民办</option><option value="public_private">公建民营</option></select></label>
            <label>等级<select name="level"><option value="">全部</option><option value="5">五级</option><option value="4">四级</option><option value="3">三级</option><option value="2">二级</option><option value="1">一级</option><option value="3+">三级及以上</option><option value="0">未评级或已失效</option></select></label>
            <label>排序<select name="sort"><option value="">按地区</option><option value="rating">等级从高到低</option><option value="beds">床位从多到少</option><option value="nursing">护理型床位从多到少</option><option value="name">名称</option><option value="distance">离我最近</option></select></label>
            <label class="check"><input type="checkbox" name="medical" value="1">医养结合</label>
            <label class="check wide"><input type="checkbox" name="nursing" value="1">有护理型床位（照护失能老人）</label>
            <label class="check"><input type="checkbox" name="fire" value="1">已通过消防验收</label>
            <p class="reset"><button type="reset" id="finder-reset">清除筛选</button></p>
            </form>
            <p><button type="button" id="finder-near" hidden>按离我远近排序</button> <span id="finder-near-note" class="muted" role="status">您的位置只在本浏览器里用来计算距离，不会发送给本站或任何地方。</span></p>
            <p id="finder-count" class="finder-count" hidden></p>
            <p id="finder-status" class="vh" role="status"></p>
            </section>
            <div id="finder-results" hidden></div>
            """
    }
}

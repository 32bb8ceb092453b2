import YanglaoIndicators
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
            <p>按地区：\(counties.joined("　"))</p>
            <p>按等级：\(levels.joined("　"))　<a href="\(context.url("institutions/"))">全部机构名录</a></p>
            """
    }

    func search() -> String {
        layout.page(title: "搜索", path: "search/", body: """
            <form role="search" action="\(context.url("search/"))" class="finder">
            <label for="search-page-q">搜索机构名称、地址、地区、政策和服务项目（可以只输入几个字）</label>
            <p class="site-search"><input id="search-page-q" name="q" type="search"><button type="submit">搜索</button></p>
            </form>
            <div id="search-results" aria-live="polite"><noscript><p>搜索需要浏览器启用 JavaScript。也可以按下面的地区和等级查找。</p></noscript></div>
            \(staticWays)
            """)
    }

    func compare() -> String {
        layout.page(title: "机构对比", path: "compare/", body: """
            <p class="lead">并排比较最多 3 家机构的等级、床位、入住率、医养结合、消防验收和公示中的处罚。在机构页面点“加入对比”即可加入。</p>
            <div id="compare-table" aria-live="polite"><noscript><p>对比功能需要浏览器启用 JavaScript。您可以分别打开各机构页面查看同样的信息。</p></noscript></div>
            """)
    }

    /// The filter panel of the directory's first page (shown by the script).
    func finder() -> HTML {
        // The script fills the region lists from search/f-index.json (thousands of counties nationally).
        return """
            <section id="finder" class="finder" aria-labelledby="finder-title" hidden>
            <h2 id="finder-title">筛选和排序</h2>
            <form id="finder-form">
            <label hidden>省份<select name="province"><option value="">全部省份</option></select></label>
            <label hidden>城市<select name="city"><option value="">全部城市</option></select></label>
            <label>县（市、区）<select name="county"><option value="">全部县（市、区）</option></select></label>
            <label>类别<select name="category"><option value="">全部类别</option><option value="institution">养老机构</option><option value="community">城市社区养老服务设施</option><option value="township_centre">乡镇区域养老服务中心</option><option value="village_daycare">农村日间照料中心</option></select></label>
            <label>性质<select name="ownership"><option value="">全部</option><option value="public">公办</option><option value="private">民办</option><option value="public_private">公建民营</option></select></label>
            <label>等级<select name="level"><option value="">全部</option><option value="5">五级</option><option value="4">四级</option><option value="3">三级</option><option value="2">二级</option><option value="1">一级</option><option value="3+">三级及以上</option><option value="0">未评级或已失效</option></select></label>
            <label>排序<select name="sort"><option value="">按地区</option><option value="rating">等级从高到低</option><option value="beds">床位从多到少</option><option value="name">名称</option><option value="distance">离我最近</option></select></label>
            <label class="check"><input type="checkbox" name="medical" value="1">医养结合</label>
            <label class="check"><input type="checkbox" name="nursing" value="1">有护理型床位</label>
            </form>
            <p><button type="button" id="finder-near" hidden>按离我远近排序</button> <span id="finder-near-note" class="muted">您的位置只在本浏览器里用来计算距离，不会发送给本站或任何地方。</span></p>
            </section>
            <div id="finder-results" aria-live="polite" hidden></div>
            """
    }
}

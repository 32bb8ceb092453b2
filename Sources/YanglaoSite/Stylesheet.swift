/// The one stylesheet: system Chinese fonts, phone first. Every size is in
/// rem of the root: 18 px (112.5 % of the browser default, so a reader's own
/// font setting still counts), 22 px in elder mode; nothing people read is
/// below 16 px (.9rem), and headings stay larger than body text in both modes.
enum Stylesheet {
    static let css = """
    :root{--ink:#1a1a1a;--muted:#4a4f57;--line:#d5d9e0;--bg:#fff;--soft:#f3f5f8;--brand:#0b4a8b;--brand-dark:#083766;--warn:#8a4b00;--warn-bg:#fff4e0;--bad:#a1161b;--bad-bg:#fdecec;--good:#1d6b34;--good-bg:#e8f5ec}
    *{box-sizing:border-box}
    html{-webkit-text-size-adjust:100%;font-size:112.5%}
    body{margin:0;font:1rem/1.7 system-ui,-apple-system,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei",sans-serif;color:var(--ink);background:var(--bg);overflow-wrap:break-word}
    .wrap{max-width:1200px;margin:0 auto;padding:0 16px}
    a{color:var(--brand)}a:hover{color:var(--brand-dark)}
    :focus-visible{outline:3px solid #0b4a8b;outline-offset:2px;box-shadow:0 0 0 6px #f2a900}.site-header :focus-visible,.compare-bar :focus-visible{outline-color:#fff}[tabindex="-1"]:focus{outline:0;box-shadow:none}
    .skip{position:absolute;left:-9999px;top:0;background:#fff;padding:8px 12px;z-index:10}.skip:focus{left:8px}
    .site-header{background:var(--brand);color:#fff}
    .site-header .wrap{display:flex;flex-wrap:wrap;align-items:center;gap:4px 24px;padding-top:10px;padding-bottom:6px}
    .brand{color:#fff;font-weight:700;font-size:1.15rem;text-decoration:none;padding:6px 0}
    .site-header ul{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:0 4px}
    .site-header li a{display:inline-block;color:#fff;text-decoration:none;padding:8px 10px;border-radius:4px;min-height:44px;line-height:28px}
    .site-header li a:hover,.site-header li a[aria-current]{background:var(--brand-dark);text-decoration:underline}
    .sample-notice{background:var(--warn-bg);color:#5c3300;border-bottom:1px solid #f0d3a0;padding:8px 16px;text-align:center;font-size:.95rem}
    main{padding-top:8px;padding-bottom:40px}
    h1{font-size:1.6rem;line-height:1.35;margin:16px 0 12px;overflow-wrap:anywhere}
    h2{font-size:1.3rem;margin:32px 0 12px;padding-bottom:4px;border-bottom:2px solid var(--soft)}
    h3{font-size:1.1rem;margin:24px 0 8px}
    p{margin:8px 0 12px}
    .lead{font-size:1.05rem;color:var(--muted)}.call{font-size:1.1rem;margin:.3em 0}.call a{display:inline-block;padding:8px 14px;border:2px solid;border-radius:8px;font-weight:700;text-decoration:none}
    .credit-flags{margin:.25rem 0 1rem}.credit-flags a{white-space:nowrap}
    .muted{color:var(--muted);font-size:.92rem}
    .crumbs ol{list-style:none;margin:12px 0 0;padding:0;display:flex;flex-wrap:wrap;align-items:baseline;font-size:.9rem;color:var(--muted);overflow-wrap:anywhere}
    .crumbs li+li::before{content:"›";padding:0 8px}
    .links a,a[href^="tel:"],.nw{white-space:nowrap}
    /* Links standing alone (not inside a sentence) get room for a finger: at least 24 px tall (WCAG 2.5.8). */
    .links a,.crumbs a,.footer-links a,dl.facts a[href^="tel:"],.finder-count a{display:inline-block;padding:6px 0}
    .figures{display:grid;grid-template-columns:repeat(auto-fit,minmax(150px,1fr));gap:12px;margin:16px 0;padding:0;list-style:none}
    .figures li{background:var(--soft);border-radius:8px;padding:12px 14px;container-type:inline-size}
    .figures .num{display:block;font-size:min(1.6rem,16cqi);font-weight:700;color:var(--brand-dark);line-height:1.2;white-space:nowrap}
    html.elder .figures .num{font-size:min(1.35rem,16cqi)}
    .figures .lbl{display:block;color:var(--muted);font-size:.92rem}
    .figures a{display:block;text-decoration:none}.figures a .lbl{color:var(--brand);text-decoration:underline}
    .cards{display:grid;grid-template-columns:repeat(auto-fit,minmax(240px,1fr));gap:12px;margin:16px 0;padding:0;list-style:none}
    .cards li{border:1px solid var(--line);border-radius:8px;padding:12px 14px}
    .cards a{font-weight:700;font-size:1.05rem}
    /* Seventeen counties in two columns on a phone, not a screen and a half of cards. */
    .cards.regions{grid-template-columns:repeat(auto-fill,minmax(8.5em,1fr));gap:8px}.cards.regions li{padding:8px 12px}
    .cards li{position:relative}.cards li>a:first-child::after{content:"";position:absolute;inset:0}
    .spark-key{font-size:.9rem;color:var(--muted);margin-left:6px}
    .which-file h2{font-size:1.05rem;margin:4px 0;border:0}.which-file ul{margin:0;padding-left:1.2em}.which-file li{margin:4px 0}
    .jump p{display:flex;flex-wrap:wrap;gap:0 18px;align-items:baseline}.jump a{display:inline-block;padding:8px 0;font-weight:700}
    .table-scroll{overflow-x:auto;margin:12px 0 20px;-webkit-overflow-scrolling:touch;position:relative;background:linear-gradient(to left,var(--bg) 40%,rgba(255,255,255,0)) 100% 0/48px 100% no-repeat local,linear-gradient(to left,rgba(0,0,0,.28),rgba(0,0,0,0)) 100% 0/18px 100% no-repeat scroll}
    .table-scroll table:not(.stack) tbody th[scope=row],.table-scroll table:not(.stack) tfoot th[scope=row]{position:sticky;left:0;background:var(--bg);z-index:1}
    .table-scroll table:not(.stack) thead th:first-child{position:sticky;left:0;z-index:2}
    .swipe-hint{margin:12px 0 -8px;color:var(--muted);font-size:.92rem}
    td.w,th.w{min-width:10em}td.ww,th.ww{min-width:15em}
    table{border-collapse:collapse;width:100%;font-size:.95rem}
    caption{text-align:left;font-weight:700;padding:4px 0 8px}
    .table-scroll caption{position:sticky;left:0;max-width:calc(100vw - 32px)}
    th,td{border-bottom:1px solid var(--line);padding:8px 10px;text-align:left;vertical-align:top}
    thead th{background:var(--soft);text-wrap:balance}
    tbody th{font-weight:400;min-width:8.5em}
    tfoot th,tfoot td{font-weight:700;border-top:2px solid var(--ink)}
    td.n,th.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}thead th.n{white-space:normal}
    td .basis,.ind-list .basis{display:block;white-space:normal;min-width:7em}
    dl.facts{display:grid;grid-template-columns:minmax(7em,max-content) 1fr;gap:0;margin:12px 0;border-top:1px solid var(--line)}
    dl.facts dt,dl.facts dd{margin:0;padding:8px 10px;border-bottom:1px solid var(--line)}
    dl.facts dt{color:var(--muted);background:var(--soft)}
    dl.facts dd{overflow-wrap:anywhere}
    .badge{display:inline-block;border-radius:4px;padding:0 8px;font-size:.9rem;line-height:1.7;background:var(--soft);border:1px solid transparent;white-space:nowrap}
    .flag{color:var(--bad);background:var(--bad-bg);font-weight:700}.caution{color:var(--warn);background:var(--warn-bg);font-weight:700}
    .level{color:var(--brand-dark);background:#e4edf8}.level .stars{letter-spacing:1px}
    .unrated{color:var(--muted)}
    .met{color:var(--good);background:var(--good-bg)}
    .pending{color:var(--warn);background:var(--warn-bg)}
    .missed{color:var(--bad);background:var(--bad-bg);font-weight:700}
    .nodata{color:var(--muted)}
    .alert{border-left:4px solid var(--bad);background:var(--bad-bg);padding:10px 14px;margin:12px 0}
    .note{border-left:4px solid var(--brand);background:var(--soft);padding:10px 14px;margin:12px 0}
    .ask p{margin:0}.ask ul{margin:.4em 0 0;padding-left:1.4em}.ask li{margin:.2em 0}
    .pager{display:flex;flex-wrap:wrap;gap:8px;list-style:none;padding:0;margin:20px 0}
    .pager a,.pager span{display:inline-block;min-width:44px;min-height:44px;line-height:44px;text-align:center;border:1px solid var(--line);border-radius:6px;padding:0 10px}
    .pager [aria-current]{background:var(--brand);color:#fff;border-color:var(--brand)}
    .pager .gap{border:0;min-width:auto}
    .toc{background:var(--soft);border-radius:8px;padding:8px 16px;margin:16px 0}
    .toc ul{margin:4px 0;padding-left:0;list-style:none}.toc li.sub{padding-left:1.5em}
    .prose td,.prose th{min-width:4.5em;overflow-wrap:anywhere}.prose [align=right]{text-align:right}.prose [align=center]{text-align:center}
    .prose img{max-width:100%}
    .prose blockquote{margin:12px 0;padding:4px 16px;border-left:4px solid var(--line);color:var(--muted)}
    .prose code{background:var(--soft);padding:0 4px;border-radius:3px}
    .prose pre,main pre{background:var(--soft);padding:12px;overflow-x:auto;max-width:100%}
    .footnotes{font-size:.9rem;color:var(--muted);border-top:1px solid var(--line);margin-top:24px}
    sup{font-size:.9rem;line-height:1}.footnote-ref a{padding:0 2px}
    .site-footer{background:var(--soft);border-top:1px solid var(--line);color:var(--muted);font-size:.92rem;padding:16px 0 24px}
    .site-footer p{margin:4px 0}
    @media (max-width:600px){h1{font-size:1.4rem}.site-header li a{padding:8px 8px}dl.facts{grid-template-columns:fit-content(50%) minmax(0,1fr)}dl.facts .badge{white-space:normal}dl.facts dt,dl.facts dd{padding:8px 8px}html.elder dl.facts{grid-template-columns:1fr}html.elder dl.facts dt{border-bottom:0;padding-bottom:2px}html.elder dl.facts dd{padding-top:2px}th,td{padding:8px 6px}
      table.counts thead th{white-space:normal;vertical-align:bottom;min-width:2em}table.counts tbody th{min-width:3.5em}table.counts{font-size:.9rem}table.counts th,table.counts td{padding:8px 3px}
      \(cards("table.stack"))}
    \(cards("table.stack.as-cards"))
    @media print{.site-header nav,.skip,.site-footer,.downloads,.pager,.jump,.swipe-hint,details.tech{display:none}.site-header{background:none;color:#000}.brand{color:#000}a{color:#000;text-decoration:none}html{font-size:12pt}.no-print{display:none}
    .table-scroll{overflow:visible}h1,h2,h3,caption{break-after:avoid;break-inside:avoid}dl.facts dt,dl.facts dd,.alert,.note,tr,figure{break-inside:avoid}.credit-flags a[href^="#"]{display:none}
    dl.facts{grid-template-columns:minmax(7em,max-content) 1fr}th,td{padding-top:4px;padding-bottom:4px}
    main::after{content:"本页网址：" attr(data-url) "　数据截至：" attr(data-asof) attr(data-printed) "　发布单位：" attr(data-publisher);display:block;margin-top:12px;padding-top:8px;border-top:1px solid #000;font-size:.9rem;overflow-wrap:anywhere}}

    """

    /// A list read row by row as one card per row: on a phone always (no script needed),
    /// elsewhere when the script finds the table wider than the page (`.as-cards`; elder mode
    /// on a desktop), so no column is hidden off the right edge.
    static func cards(_ t: String) -> String {
        """
        \(t) thead{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
        \(t),\(t) caption,\(t) tbody,\(t) tr,\(t) th,\(t) td{display:block;min-width:0;width:auto}\(t) caption{text-align:left;margin:0 0 8px}
        \(t) tr{display:flex;flex-direction:column;border:1px solid var(--line);border-radius:8px;margin:0 0 10px;padding:6px 12px}
        \(t) tbody th{border:0;padding:4px 0;font-weight:700}
        \(t) td{border:0;padding:3px 0;text-align:left;white-space:normal}
        \(t) td[data-label]::before{content:attr(data-label) "：";color:var(--muted)}\(t) td:has(> .none:only-child),\(t) td:empty{display:none}\(t) td[align]{text-align:left}\(t) td.card-title{order:-1;font-weight:700}\(t) td.card-title::before{content:none}
        """.split(separator: "\n").joined()
    }
}

extension Stylesheet {
    /// Charts and indicator lists.
    static let charts = """
    .chart{margin:12px 0 4px;max-width:900px}
    .chart figcaption{font-size:.9rem;color:var(--muted)}
    .hbars{margin:0 0 8px;display:grid;grid-template-columns:max-content minmax(0,1fr) max-content;gap:4px 8px;align-items:center;font-size:.95rem}
    .hb-r{display:contents}.hb-v{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
    .hb-t{position:relative;display:block;height:1.6em;background:linear-gradient(#e6ebf2,#e6ebf2) 0 50%/100% 1em no-repeat}.hb-b{position:absolute;left:0;top:.3em;bottom:.3em;background:#2f6db5}
    .hb-g{position:absolute;top:-2px;bottom:-2px;border-left:2px dashed #a1161b}
    .spark{vertical-align:middle}.sb{fill:#e3e7ee}.sf{fill:#2f6db5}.st{stroke:#a1161b;stroke-width:2}
    .ind-list{list-style:none;padding:0;margin:0}
    .ind-list>li{border-bottom:1px solid var(--line);padding:12px 0}
    .ind-list h3,.ind-list h4{margin:0 0 4px;font-size:1.17rem}
    .ind-value{font-size:1.25rem;font-weight:700;color:var(--brand-dark)}
    .targets{margin:6px 0 0;padding:0;list-style:none}.targets li{margin:4px 0}
    .en{color:var(--muted);font-size:.9rem;font-weight:400}
    code.hash{word-break:break-all;font-size:.9rem}
    details.tech{margin:24px 0;border:1px solid var(--line);border-radius:8px;padding:4px 14px}
    details.tech summary,details.list summary{cursor:pointer;min-height:44px;line-height:44px;color:var(--brand-dark)}
    .columns{columns:14em;padding-left:1.2em}
    .vh{clip-path:inset(50%)!important;border:0!important;position:absolute!important;width:1px!important;height:1px!important;margin:0!important;padding:0!important;overflow:hidden!important;clip:rect(0 0 0 0)!important;white-space:nowrap!important}
    .site-search{display:flex;gap:4px;flex:1 1 260px;min-width:0;max-width:420px;margin:4px 0}
    .site-search input{flex:1;min-width:0;width:100%;font:inherit;padding:6px 10px;border:2px solid #fff;border-radius:6px;min-height:44px}
    .finder .site-search input{border-color:#6b7280}
    .site-search button,.elder-toggle,.menu-toggle{white-space:nowrap;font:inherit;min-height:44px;padding:0 14px;border-radius:6px;border:2px solid #fff;background:var(--brand-dark);color:#fff;cursor:pointer}
    .elder-toggle{margin-left:auto}
    .elder-toggle[aria-pressed=true]{background:#fff;color:var(--brand-dark)}.elder-toggle[aria-pressed=true]::after{content:"：已开启"}
    button{font:inherit;min-height:44px;padding:0 14px;border-radius:6px;border:2px solid var(--brand);background:#fff;color:var(--brand-dark);cursor:pointer}
    button[aria-pressed=true]{background:var(--brand);color:#fff}
    .finder{background:var(--soft);border-radius:8px;padding:12px 16px;margin:16px 0}
    .finder form{display:grid;grid-template-columns:repeat(auto-fit,minmax(9.5em,1fr));gap:10px 16px;align-items:end}html.elder .finder form{grid-template-columns:repeat(auto-fit,minmax(12em,1fr))}
    .finder label{display:block;font-size:.95rem}button.pick,button.unpick{display:block;margin:6px 0 0;font-size:.95rem;font-weight:400;white-space:nowrap}
    /* At the name cell's right where the list is a table (not cards): rows stay one line high, buttons in a column. */
    @media (min-width:601px){th>button.pick{float:right;margin:-3px 0 -3px 10px;min-height:36px;padding:0 10px}
    #compare-table table{table-layout:fixed}#compare-table thead th:first-child{width:11em}}.finder-count{margin:8px 0 0;font-size:1.05rem}
    .quick-find{border:2px solid var(--brand);border-radius:8px;padding:4px 16px 16px;margin:16px 0;max-width:36rem}.quick-find h2{margin-top:12px;border:0}p.quick-find{padding:12px 16px}
    .quick-find select{display:block;width:100%;font:inherit;min-height:44px;padding:4px 8px;margin:4px 0 12px;border:1px solid #6b7280;border-radius:6px;background:#fff}
    .quick-find button{background:var(--brand);color:#fff;width:100%}.quick-find button.secondary{background:#fff;color:var(--brand);border:2px solid var(--brand);margin-top:12px}
    [hidden]{display:none!important}
    .finder select{display:block;width:100%;font:inherit;min-height:44px;padding:4px 8px;border:1px solid #6b7280;border-radius:6px;background:#fff}
    .finder .check{display:flex;gap:8px;align-items:center;min-height:44px}.finder .wide{grid-column:1/-1;white-space:normal}
    .finder input[type=checkbox]{width:28px;height:28px;flex-shrink:0}
    .results li{margin:10px 0}.results .badge{white-space:normal}
    html.elder :is(.toc,table.stack) a{display:inline-block;padding:8px 0}html.elder .results>li>a{display:block;padding:8px 0}
    .compare-bar{position:sticky;bottom:0;z-index:5;background:var(--brand-dark);color:#fff;padding:8px 12px;text-align:center}
    .compare-bar a{display:inline-block;background:#fff;color:var(--brand-dark);font-weight:700;margin:0 8px;padding:6px 16px;border-radius:6px;text-decoration:none}
    .compare-bar button{background:transparent;color:#fff;border-color:#fff}
    time.lapse+.muted{display:block;white-space:normal}.badge.gone{background:none;border:1px dashed var(--muted);color:var(--muted)}
    .compare-bar .limit{display:block;font-weight:700;margin-top:4px}.compare-bar .limit:empty{display:none}
    @media (max-width:400px){.compare-bar .bar-max{display:none}table.counts thead th+th{min-width:0;writing-mode:vertical-rl;text-orientation:upright;text-align:end;vertical-align:bottom;line-height:1.1}table.counts td{padding-left:8px}}
    @media (max-width:600px){html.elder .compare-bar{padding:4px 8px}html.elder .compare-bar .bar-max{display:none}html.elder .compare-bar a{margin:0 4px;padding:4px 12px}html.elder .compare-bar .limit{font-size:1rem;margin-top:0}}
    #compare-table thead th{white-space:normal;min-width:8em}#compare-table tbody th{min-width:5.5em}
    .finder .reset{margin:0}
    html.elder{font-size:137.5%}html.elder body{line-height:1.8}
    html.elder{--ink:#000;--muted:#222;--line:#555;--brand:#003a75;--brand-dark:#002448}
    html.elder .site-header li a,html.elder button{min-height:52px;line-height:1.3}
    html.elder .pager a,html.elder .pager span{min-height:52px;line-height:52px}
    html.elder .badge{font-size:1rem}html.elder .site-search input{padding:6px}html.elder .site-search input::placeholder{font-size:.9rem}
    html.elder a{text-underline-offset:3px;text-decoration-thickness:2px}
    @media (max-width:600px){html.elder .finder form{grid-template-columns:1fr}html.elder table.counts thead th+th{min-width:0;writing-mode:vertical-rl;text-orientation:upright;text-align:end;vertical-align:bottom;line-height:1.1}html.elder table.counts th,html.elder table.counts td{padding:8px 5px}
      #compare-table .table-scroll{overflow:visible}#compare-table table,#compare-table thead,#compare-table tbody{display:block;width:100%}
      #compare-table tr{display:grid;grid-template-columns:repeat(var(--n,3),minmax(0,1fr));gap:0 8px;border-bottom:1px solid var(--line)}
      #compare-table thead{position:sticky;top:0;z-index:2;background:#fff;border-bottom:2px solid var(--line)}#compare-table thead th:first-child{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}#compare-table th,#compare-table td,#compare-table thead th{padding:6px 2px;overflow-wrap:anywhere;border:0;min-width:0}
      #compare-table a[href^="tel:"]{white-space:normal}
      #compare-table tbody th{grid-column:1/-1;padding-bottom:0;color:var(--muted)}#compare-table .badge{white-space:normal}
      #compare-table .unpick{padding:4px 6px;font-size:.9rem;min-height:44px;max-width:100%;white-space:normal;line-height:1.3}
      .site-header .wrap{gap:4px 12px}.site-search{flex:1 1 200px;max-width:none}.menu-toggle{margin-left:auto}.elder-toggle{margin-left:0}
      html.elder .brand{font-size:1rem}html.elder .site-header .wrap{gap:4px 8px}html.elder .elder-toggle[aria-pressed=true]::after{content:none}html.elder .elder-toggle[aria-pressed=true]::before{content:"✓ "}
      .menu-toggle[aria-expanded=true]{background:#fff;color:var(--brand-dark)}
      .site-header nav{order:3;flex-basis:100%}.site-header ul{display:grid;grid-template-columns:repeat(auto-fill,minmax(7.5em,1fr));gap:6px}
      .site-header li a{display:block;padding:8px 6px;border:1px solid rgba(255,255,255,.45);text-align:center}html.elder .site-search{flex-basis:100%}}
    @media (prefers-contrast:more){:root{--ink:#000;--muted:#222;--line:#555;--brand:#003a75;--brand-dark:#002448}}
    @media (prefers-reduced-motion:reduce){*{animation:none!important;transition:none!important;scroll-behavior:auto!important}}
    @media print{.site-search,.elder-toggle,.menu-toggle,.compare-bar,[data-compare],[data-remove],.finder{display:none!important}
    html.elder{font-size:14pt}html.elder body{line-height:1.5}td,th{overflow-wrap:anywhere}tr{break-inside:avoid}
    html.elder table.stack{table-layout:fixed;width:100%}}

    """
}

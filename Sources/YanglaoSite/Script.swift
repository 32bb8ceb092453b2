import YanglaoIndicators
import YanglaoOpenData
import YanglaoStore

/// The site's only script, loaded with `defer`. Every page works without it;
/// it adds search, filters, "near me", compare and the elder-mode switch.
/// It requests files of this site only.
enum Script {
    /// Runs in <head> before first paint so elder mode does not flash; tiny on purpose.
    static let head = "try{if(localStorage.getItem('yl-elder')==='1')document.documentElement.classList.add('elder')}catch(e){}"

    /// What the site ships: `js` without its comments, indentation and the spaces beside
    /// punctuation (the comments are for whoever reads this file; the budget of 40 KB is for phones).
    static let shipped = ScriptMinifier.minify(js)

    /// A column's code → word map as a script object literal.
    static func words(_ column: String) -> String {
        JSONValue.object((CodeWords.shown[column] ?? [:]).sorted { $0.key < $1.key }.map { ($0.key, .string($0.value)) }).compact
    }

    static let js = #"""
    (function () {
      'use strict';
      var root = document.documentElement;
      var base = root.getAttribute('data-base') || '/';
      function $(s, r) { return (r || document).querySelector(s); }
      function $$(s, r) { return Array.prototype.slice.call((r || document).querySelectorAll(s)); }
      function esc(s) { return String(s).replace(/[&<>"']/g, function (c) { return '&#' + c.charCodeAt(0) + ';'; }); }
      // The same warning badges as the pages (Components.warnings): text, not colour alone.
      function warn(list) {
        return list.map(function (w) { return ' <strong class="badge ' + (/^抽查/.test(w) ? 'caution' : 'flag') + '"><span aria-hidden="true">⚠ </span>' + esc(w) + '</strong>'; }).join('');
      }
      // The pages' own words for codes (CodeWords), so a list or the compare table says what the facility's page says.
      var catName = \#(words("institutions.category")), ownName = \#(words("institutions.ownership"));
      var statusName = \#(words("institutions.status")), medical = \#(words("institutions.medical_integration"));
      function levelName(n) { return ['', '一级', '二级', '三级', '四级', '五级'][n] || ''; }
      // A finder row's current level as stars beside its words, as the pages show it (Components.rating).
      function stars(level) {
        return level > 0 ? '<span class="vh">（共五级，五级最高）</span> <span class="stars" aria-hidden="true">' + '★★★★★'.slice(0, level) + '☆☆☆☆☆'.slice(0, 5 - level) + '</span>' : '';
      }
      var fetchedBytes = 0;
      function getJSON(path) {
        return fetch(base + path).then(function (r) { if (!r.ok) throw new Error(path + ' ' + r.status); return r.text(); })
          .then(function (t) { fetchedBytes += new Blob([t]).size; return JSON.parse(t); });
      }
      // A search result's level ends on a day written in words (Publisher.searchRating): marked when past, as the pages mark theirs.
      function pastEnd(s, said, y, m, d) { return y + '-' + ('0' + m).slice(-2) + '-' + ('0' + d).slice(-2) < today ? said + '，按今天的日期已过有效期）' : s; }
      // A citation's access date: today, as the reader's own clock has it.
      var now = new Date();
      var today = now.getFullYear() + '-' + ('0' + (now.getMonth() + 1)).slice(-2) + '-' + ('0' + now.getDate()).slice(-2);
      $$('.cite-date').forEach(function (e) { e.textContent = today; });
      // Data half a year or more past its date: said under the heading of each page that shows
      // ratings or credit records, and of the home page (its figures are of that date), since
      // whether a rating is valid or a record still on display is judged on that date (the site
      // reads no clock). Not on search, help or policy pages.
      var asOf = $('.site-footer time[datetime]'), h1 = $('main h1');
      var months = asOf ? Math.floor((now - new Date(asOf.getAttribute('datetime'))) / 2629800000) : 0;
      var basePath = base.replace(/^[a-z]+:\/\/[^\/]+/i, ''), path = location.pathname;
      var dated = /^(institutions|ratings|credit|regions|compare)\/|^$/.test(path.indexOf(basePath) === 0 ? path.slice(basePath.length) : path);
      // On a facility's page, under its number to ring (InstitutionPages): the number stays on the first screen.
      if (h1 && dated && months >= 6) ($('main .call') || h1).insertAdjacentHTML('afterend', '<p class="note" role="note">数据截至 ' + esc(asOf.textContent) + '（' + (months >= 24 ? (months % 12 >= 6 ? '近 ' + Math.ceil(months / 12) + ' 年' : Math.floor(months / 12) + ' 年多') : months + ' 个月') + '前），页面上的等级和公示是那天的情况；最新情况请问当地民政部门，或拨打 <a href="tel:12345">12345</a>。</p>');
      // A day something ends (Layout.endDate) that the reader's today (above) is past: the page says "valid"
      // or "on display" as of the data's date, so the reader learns it has ended since.
      $$('time[data-past]').forEach(function (t) {
        if (t.getAttribute('datetime') >= today) return;
        t.insertAdjacentHTML('afterend', '<span class="muted">（按今天的日期已' + esc(t.getAttribute('data-past')) + '）</span>');
        // The level it ended is greyed beside it (Components.rating), so it no longer reads as held.
        var b = t.parentNode.querySelector('.level');
        if (b) b.classList.add('gone');
      });
      // A citation's address on a site built without its public address: the host it is read on.
      if (/^https?:$/.test(location.protocol)) $$('.cite-url').forEach(function (e) { e.textContent = location.origin + e.textContent; });
      // Each number of a phone cell a tel: link, as Components.phone makes them.
      function telLinks(text) {
        return text.split(/([0-9+\-() ]+)/).map(function (run) {
          var digits = run.replace(/[^0-9+]/g, '');
          return digits.length < 5 ? esc(run) : '<a href="tel:' + esc(digits) + '">' + esc(run.trim()) + '</a>';
        }).join('');
      }
      function store(key, value) { try { if (value === undefined) return localStorage.getItem(key); localStorage.setItem(key, value); } catch (e) { return null; } }

      /* A table wider than the screen says so above it (its box scrolls sideways), and only
         such a box is a Tab stop (it must be, to scroll by keyboard; one that fits need not). */
      function hints() {
        $$('.table-scroll').forEach(function (box) {
          // A list read row by row that does not fit (elder mode on a desktop) becomes cards, as on a phone.
          var list = $('table.stack', box);
          if (list) { list.classList.remove('as-cards'); if (box.scrollWidth > box.clientWidth + 1) list.classList.add('as-cards'); }
          var hint = box.previousElementSibling, has = hint && hint.className === 'swipe-hint';
          var wide = box.scrollWidth > box.clientWidth + 1;
          if (wide) box.setAttribute('tabindex', '0'); else box.removeAttribute('tabindex');
          if (wide && !has) box.insertAdjacentHTML('beforebegin', '<p class="swipe-hint" aria-hidden="true">← 左右滚动查看更多 →</p>');
          if (!wide && has) hint.parentNode.removeChild(hint);
        });
      }
      var resizing = 0;
      window.addEventListener('resize', function () { clearTimeout(resizing); resizing = setTimeout(hints, 150); });
      /* Printed pages carry their full address (the print stylesheet shows it under the text). */
      // …and the day they were printed: their "按今天的日期" notes are of that day.
      var main = $('main');
      if (main) { main.setAttribute('data-url', location.href); main.setAttribute('data-printed', '　打印日期：' + today); }

      /* On a phone the sections fold behind one button, so the page starts with its own content
         (without this script, and on wider screens, they stay in view). */
      var menu = $('#menu-toggle'), nav = $('#site-nav');
      if (menu && nav && window.matchMedia) {
        var small = window.matchMedia('(max-width: 600px)');
        var fold = function () {
          menu.hidden = !small.matches;
          nav.hidden = small.matches && menu.getAttribute('aria-expanded') !== 'true';
        };
        menu.addEventListener('click', function () {
          menu.setAttribute('aria-expanded', menu.getAttribute('aria-expanded') === 'true' ? 'false' : 'true');
          fold();
        });
        // Escape closes the open menu and returns to its button.
        [menu, nav].forEach(function (el) {
          el.addEventListener('keydown', function (e) {
            if (e.key !== 'Escape' || menu.hidden || menu.getAttribute('aria-expanded') !== 'true') return;
            menu.setAttribute('aria-expanded', 'false');
            fold();
            menu.focus();
          });
        });
        if (small.addEventListener) small.addEventListener('change', fold); else if (small.addListener) small.addListener(fold);
        fold();
      }

      /* The home page's care-home picker filters the directory, which needs this script. */
      $$('form.quick-find').forEach(function (f) { f.hidden = false; });
      // The home page's 离我最近: the directory asks for the position as it opens (the reader has just asked for it).
      var qfNear = $('#qf-near');
      if (qfNear && navigator.geolocation) {
        qfNear.parentNode.hidden = false;
        qfNear.addEventListener('click', function () { location.href = base + 'institutions/?category=institution&sort=distance&ask=1'; });
      }

      /* 长辈模式: larger text, stronger contrast, bigger targets; remembered. */
      var toggle = $('#elder-toggle');
      if (toggle) {
        toggle.hidden = false;
        var sync = function () { toggle.setAttribute('aria-pressed', root.classList.contains('elder') ? 'true' : 'false'); };
        sync();
        toggle.addEventListener('click', function () {
          root.classList.toggle('elder');
          store('yl-elder', root.classList.contains('elder') ? '1' : '0');
          sync();
          hints();
          if (typeof pad === 'function') pad();
        });
      }

      /* Search: the same tokeniser as the index builder (CJK unigrams/bigrams, Latin words). */
      function isCJK(c) { return (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff); }
      function queryTokens(q) {
        var out = [], cjk = '', word = '';
        function flush() {
          if (cjk.length === 1) out.push(cjk);
          for (var i = 0; i + 1 < cjk.length; i++) out.push(cjk[i] + cjk[i + 1]);
          cjk = '';
          if (word) { out.push(word); word = ''; }
        }
        var text = q.normalize('NFKC').toLowerCase();
        for (var i = 0; i < text.length; i++) {
          var c = text.charCodeAt(i);
          if (isCJK(c)) { if (word) { out.push(word); word = ''; } cjk += text[i]; }
          else if ((c >= 48 && c <= 57) || (c >= 97 && c <= 122)) { if (cjk) { var w = word; word = ''; flush(); word = w; } word += text[i]; }
          else flush();
        }
        flush();
        return out.filter(function (t, i) { return out.indexOf(t) === i; });
      }
      function hash(s) {
        var h = 2166136261;
        for (var i = 0; i < s.length; i++) { h ^= s.charCodeAt(i); h = Math.imul(h, 16777619) >>> 0; }
        return h;
      }
      var meta = null;
      function decode(deltas) { var v = 0; return deltas.map(function (d) { return v += d; }); }
      function flat(lists) { return [].concat.apply([], lists); }
      // Index files read once per page: "再显示" asks again for what it has (the files are only read, never changed).
      var loaded = {};
      function once(path) { return loaded[path] || (loaded[path] = getJSON(path).catch(function (e) { delete loaded[path]; throw e; })); }
      function block(n) { return once('search/b-' + n + '.json').then(decode); }
      // Resolves to { list, partial, incomplete, total, more } with the best `limit` results; `total`
      // is the number of whole matches when every list holding them was read (else 0), `more`
      // whether the lists read hold results past these. Long
      // posting lists come in blocks: only the rarest token's first blocks and the other
      // tokens' blocks around them are fetched, so a query stays small on a national site.
      function search(q, limit) {
        var tokens = queryTokens(q);
        var none = { list: [], partial: false, incomplete: false };
        if (!tokens.length) return Promise.resolve(none);
        return (meta ? Promise.resolve(meta) : getJSON('search/meta.json').then(function (m) { meta = m; return m; })).then(function (m) {
          // A long query reads a spread of its tokens: 6 on a national index (each may be another
          // shard to fetch), 12 on a city's, whose shards are small. Fewer would drop a word typed
          // in the middle ("尧都区公办养老院" without 公办) and call the homes that have it partial matches.
          var cap = m.blocks !== undefined && m.blocks <= 120000 ? 12 : 6;
          if (tokens.length > cap) {
            var spread = [];
            for (var s = 0; s < cap; s++) spread.push(tokens[Math.round(s * (tokens.length - 1) / (cap - 1))]);
            tokens = spread.filter(function (t, i) { return spread.indexOf(t) === i; });
          }
          var shards = {};
          tokens.forEach(function (t) { shards[hash(t) % m.shards] = true; });
          return Promise.all(Object.keys(shards).map(function (s) { return once('search/p-' + s + '.json'); })).then(function (parts) {
            var entries = {}, incomplete = false;
            parts.forEach(function (p) { for (var k in p) entries[k] = p[k]; });
            var count = function (t) { var e = entries[t]; return !e ? 0 : Array.isArray(e) ? e.length : e.n; };
            // Which characters of the query each token stands for (as bits). A document holds the
            // whole query when its tokens cover every character: "尧都区仁爱养老院" holds 尧都区养老院
            // without the bigram 区养 where the two words meet.
            var plain = q.normalize('NFKC').toLowerCase().replace(/\s+/g, '');
            var maskOf = function (t) {
              var at = plain.indexOf(t), m = 0;
              for (var k = 0; at >= 0 && k < t.length && at + k < 31; k++) m |= 1 << (at + k);
              return m;
            };
            var target = tokens.reduce(function (m, t) { return m | maskOf(t); }, 0);
            // A token that alone covers some character is in every whole match (the first and last
            // bigrams of a run): the rarest of those leads the fetch, never a bigram made only where
            // two words meet, which the matches may all lack.
            var required = function (t) {
              var others = tokens.reduce(function (m, o) { return o === t ? m : m | maskOf(o); }, 0);
              return (maskOf(t) & ~others) !== 0;
            };
            var present = tokens.filter(count).sort(function (a, b) { return (required(b) - required(a)) || count(a) - count(b); });
            if (!present.length) return none;
            var first = entries[present[0]];
            // A city's blocks all together are small (meta.blocks bytes): read every one a query
            // needs, so common words find everything; a nation's are read two or three at a time.
            var all = m.blocks !== undefined && m.blocks <= 120000;
            if (!all && !Array.isArray(first) && first.b.length > 2) incomplete = true;
            var driver = Array.isArray(first) ? Promise.resolve(decode(first))
              : Promise.all(first.b.slice(0, all ? first.b.length : 2).map(function (b) { return block(b[0]); })).then(flat);
            // Of the long lists (in blocks), a nation's query reads only those it needs to tell
            // which documents hold the whole query: the required ones, then the cheapest that
            // cover a character nothing read so far covers ("日间" for 光林区日间照料, not also "间照").
            var needed = {}, covered = maskOf(present[0]);
            present.slice(1).forEach(function (t) {
              if (all || Array.isArray(entries[t]) || required(t)) { needed[t] = true; covered |= maskOf(t); }
            });
            // Every token that covers a character not yet covered is read (both bigrams around it):
            // the seam bigram (区养) alone would leave 尧都区仁爱养老院 without its 养.
            var open = target & ~covered;
            present.slice(1).forEach(function (t) {
              if (!needed[t] && (maskOf(t) & open)) { needed[t] = true; }
            });
            var budget = 9, skipped = false; // blocks of about 10 KB each, besides the lead's and the short lists'
            var whole = function (e) { return Array.isArray(e) ? Promise.resolve(decode(e)) : Promise.all(e.b.map(function (b) { return block(b[0]); })).then(flat); };
            return driver.then(function (lead) {
              var rest = present.slice(1);
              // Short lists (up to two blocks, six in all) are read whole; they narrow the lead's
              // documents to those that can still hold the whole query — 光林区… among the 2 000
              // documents with 光林 — before the long lists are read around them.
              var cheapBlocks = 0, got = {};
              var cheap = rest.filter(function (t) {
                var e = entries[t], n = Array.isArray(e) ? 0 : e.b.length;
                if (!all && n && (n > 2 || cheapBlocks + n > 6)) return false;
                cheapBlocks += n;
                return true;
              });
              return Promise.all(cheap.map(function (t) { return whole(entries[t]); })).then(function (lists) {
                cheap.forEach(function (t, k) { got[t] = lists[k]; });
                // The characters only the short lists can cover must be covered by them.
                var must = rest.filter(function (t) { return !got[t] && needed[t]; })
                  .reduce(function (m, t) { return m & ~maskOf(t); }, target);
                var coverOf = {};
                lead.forEach(function (v) { coverOf[v >> 1] = maskOf(present[0]); });
                cheap.forEach(function (t) { got[t].forEach(function (v) { if (coverOf[v >> 1] !== undefined) coverOf[v >> 1] |= maskOf(t); }); });
                var around = lead.filter(function (v) { return (coverOf[v >> 1] & must) === must; });
                if (!around.length) around = lead; // none can hold it all: partial matches around the lead
                // The blocks left are shared by the long lists still needed, each reading those
                // that hold the most of the documents (a county's facilities sit together).
                var longOnes = rest.filter(function (t) { return !got[t] && needed[t]; }).length;
                var share = Math.max(1, Math.floor(budget / Math.max(1, longOnes)));
                return Promise.all(rest.map(function (t) {
                  if (got[t]) return got[t];
                  if (!needed[t]) { skipped = true; return []; }
                  var e = entries[t];
                  // How many of those documents each block holds (a block runs from its first
                  // posting to the next block's; postings are document << 1 | title), and of the
                  // lead's, for the partial matches shown when no document holds it all.
                  var count = function (docs) {
                    var j = 0;
                    return e.b.map(function (b, k) {
                      var end = k + 1 === e.b.length ? Infinity : e.b[k + 1][1] >> 1, n = 0;
                      while (j < docs.length && (docs[j] >> 1) < (b[1] >> 1)) j++;
                      while (j < docs.length && (docs[j] >> 1) < end) { n++; j++; }
                      return n;
                    });
                  };
                  var near = count(around), any = count(lead);
                  var want = e.b.map(function (b, k) { return { b: b, k: k, n: near[k], m: any[k] }; }).filter(function (w) { return w.m > 0; });
                  if (!all && want.length > share) {
                    if (want.filter(function (w) { return w.n > 0; }).length > share) incomplete = true;
                    else skipped = true; // only blocks for partial matches left out
                    want = want.sort(function (x, y) { return y.n - x.n || y.m - x.m || x.k - y.k; }).slice(0, share);
                  }
                  return Promise.all(want.map(function (w) { return block(w.b[0]); })).then(flat);
                }));
              }).then(function (others) { return [lead].concat(others); });
            }).then(function (lists) {
              // Which characters of the query each token stands for: a document whose tokens
              // cover the whole query ("吉县…敬老院" for 吉县敬老院) beats one that shares more
              // tokens but misses a character ("乡宁县敬老院"), before the first `limit` are taken.
              var masks = present.map(maskOf);
              function bits(m) { var n = 0; while (m) { n += m & 1; m >>>= 1; } return n; }
              // Every document with a token counts; documents with all of them come first.
              var scores = {}, hits = {}, cover = {};
              lists.forEach(function (list, k) {
                list.forEach(function (v) {
                  var doc = v >> 1;
                  scores[doc] = (scores[doc] || 0) + ((v & 1) ? 3 : 1);
                  hits[doc] = (hits[doc] || 0) + 1;
                  cover[doc] = (cover[doc] || 0) | masks[k];
                });
              });
              var all = Object.keys(scores).map(Number);
              var full = all.filter(function (d) { return hits[d] === tokens.length || (target && cover[d] === target); });
              // A partial match must share at least half of the query's tokens.
              var pool = full.length ? full : all.filter(function (d) { return hits[d] * 2 >= tokens.length; });
              // Places (a county's page), then facilities, then policies, indicators and the rest (SearchIndex.Group).
              var group = function (d) { return d < m.places ? 0 : d >= m.facilities ? 1 : 2; };
              var ids = pool.sort(function (a, b) { return bits(cover[b]) - bits(cover[a]) || group(a) - group(b) || scores[b] - scores[a] || a - b; }).slice(0, limit);
              var chunks = {};
              ids.forEach(function (id) { chunks[Math.floor(id / m.chunk)] = true; });
              return Promise.all(Object.keys(chunks).map(function (c) {
                return once('search/d-' + c + '.json').then(function (rows) { return { c: Number(c), rows: rows }; });
              })).then(function (loaded) {
                var docs = {};
                loaded.forEach(function (l) { l.rows.forEach(function (r, k) { docs[l.c * m.chunk + k] = r; }); });
                var needle = q.normalize('NFKC').toLowerCase().trim();
                var list = ids.map(function (id) {
                  var d = docs[id], title = d[0].toLowerCase(), s = scores[id];
                  // Whole: its tokens cover every character of the query ("霍州孝亲" in "霍州市孝亲护理院").
                  var whole = hits[id] === tokens.length || (target && cover[id] === target);
                  // Exact name first, then names that start with or contain the query, the shortest (closest) first.
                  // A name typed whole wins whatever it names; else a county, then a facility, before the rest.
                  if (title === needle) s += 1000; else if (title.indexOf(needle) === 0) s += 200; else if (title.indexOf(needle) >= 0) s += 100;
                  s += [600, 300, 0][group(id)];
                  if (title.indexOf(needle) >= 0) s += Math.round(100 * needle.length / title.length);
                  if (whole) s += 50;
                  // Of equals, one that cannot be chosen now (Labels.warnings) comes after.
                  if (/已关闭|暂停运营|已列入黑名单/.test(d[4] || '')) s -= 30;
                  // Another area's reference text after this area's own (a citizen asks about the rules here).
                  if (d[2] === '外地参考文件') s -= 150;
                  // And of equals (a county's facilities for its name), the better rated first, as the county page lists them
                  // (the level as the detail line says it; "原三级" is an expired one). Worth more than a
                  // few characters of name length: "洪洞" matches every name in 洪洞县, whose lengths mean nothing.
                  var level = /(^|[^原])([一二三四五])级/.exec(d[3] || '');
                  if (level) s += 6 * ('一二三四五'.indexOf(level[2]) + 1);
                  return { title: d[0], url: d[1], kind: d[2], detail: d[3], warning: d[4] || '', score: s, id: id, whole: whole };
                });
                // Ranked 24 at a time, so "再显示" adds results below those already read and moves none.
                var ranked = [];
                for (var p = 0; p < list.length; p += 24) ranked = ranked.concat(list.slice(p, p + 24).sort(function (a, b) { return b.score - a.score || a.id - b.id; }));
                list = ranked;
                // "Partly matching" only when no result holds the whole query; when some do,
                // only they are listed (and counted).
                var partial = !list.some(function (r) { return r.whole; });
                if (!partial) list = list.filter(function (r) { return r.whole; });
                // Documents past the first `limit` matter when the list shows partial matches or is full;
                // the ones holding the whole query are ranked first, so a short whole list is all of them.
                // Partial matches may also hold a long word left unread (it was not needed for whole ones).
                return { list: list, partial: partial, incomplete: incomplete || (partial && skipped) || (pool.length > ids.length && (partial || list.length >= limit)),
                         total: incomplete || partial ? 0 : full.length, more: pool.length > ids.length };
              });
            });
          });
        });
      }
      // What people also type: a registration code goes straight to its facility; a common word
      // for a kind of home that no name here uses is searched as the word that is used.
      function find(q, limit) {
        // A phone keyboard in full-width mode types １２１４…Ｋ: read as 1214…K.
        var code = q.normalize('NFKC').replace(/\s/g, '').toUpperCase();
        var direct = /^[0-9A-Z]{18}$/.test(code)
          ? getJSON('data/institutions/' + code + '.json').then(function (i) { return i.removed_in_release ? null : i; }, function () { return null; })
          : Promise.resolve(null);
        return direct.then(function (i) {
          if (i) return { list: [{ title: i.name, url: 'institutions/' + i.id + '/', kind: catName[i.category] || '', detail: i.region_name + ' · 统一社会信用代码 ' + i.id, warning: '' }], partial: false, incomplete: false };
          return search(q, limit).then(function (found) {
            if (found.list.length && !found.partial) return found;
            var word = Object.keys(synonyms).filter(function (w) { return q.indexOf(w) >= 0; })[0];
            var other = word ? q.replace(word, synonyms[word]) : q;
            // What a family adds to a name ("…养老院电话", "附近的养老院", "…收费") is no word of it.
            other = other.replace(asked, '').trim() || other;
            if (other === q) return found;
            return search(other, limit).then(function (f) { if (!f.list.length) return found; f.instead = other; return f; });
          });
        });
      }
      var asked = /(联系)?电话|地址|在哪[里儿]?|收费|价格|费用|多少钱|(离我)?最近的?|附近的?/g;
      var results = $('#search-results');
      // What families say and the records say otherwise ("老人院" for 养老院), with the search page (FindPages.synonyms).
      var synonyms = results ? JSON.parse(results.getAttribute('data-synonyms') || '{}') : {};
      // "翼城养老院", "翼城县的敬老院": the county's care homes are all in the directory (search
      // lists the best matches only); the counties come with the page (FindPages.places).
      var homeWords = ['养老院', '养老机构', '敬老院', '护理院', '老年公寓', '福利院', '老人院', '颐养院'];
      // What a family asks for in words ("医养结合", "失能", "三级", "公办") is a filter of the
      // directory, not words of a name: said as a link to the directory so filtered.
      // The first two say what a family needs on their own, and so does a need said alone ("失能",
      // "不能自理的老人"); the others ("失能老年人评估率", "三级医院", "公办") only beside a kind
      // of home or a county (a policy's words otherwise).
      var needs = [
        [/医养/, 'medical=1', '医养结合'],
        [/护理床|护理型/, 'nursing=1', '有护理型床位'],
        [/失能|卧床|瘫痪|不能自理|就医|看病/, '', ''],
        [/公建民营|公办民营/, 'ownership=public_private', '公建民营'],
        [/公办|公立/, 'ownership=public', '公办'],
        [/民办|私立|私营|民营/, 'ownership=private', '民办']
      ];
      function directoryLink(q) {
        var plain = q.normalize('NFKC').replace(/\s/g, ''), county = null, params = [], words = [], places = [];
        try { places = JSON.parse(results.getAttribute('data-places') || '[]'); } catch (e) {}
        places.some(function (p) {
          var stem = p[1].replace(/[县市区]$/, '');
          return plain.indexOf(stem.length >= 2 ? stem : p[1]) >= 0 && (county = { code: p[0], name: p[1] });
        });
        var strong = false;
        needs.forEach(function (n, k) {
          if (!n[0].test(plain)) return;
          if (k < 2 || k === 2 && /^(半?失能|卧床|瘫痪|(生活)?不能自理|就医|看病)的?(老人|老年人)?$/.test(plain)) strong = true;
          // 失能, 就医: what a family needs, said by the directory as nursing beds and 医养结合.
          if (k === 2) n = /失能|卧床|瘫痪|不能自理/.test(plain) ? needs[1] : needs[0];
          if (params.join().indexOf(n[1].split('=')[0]) < 0) { params.push(n[1]); words.push(n[2]); }
        });
        // "三级", "4星", "三星级以上", "三级及以上" (the directory has 三级及以上 as its only "or higher").
        var lv = plain.match(/([一二三四五1-5])(?:星级|级|星)(及?以上)?/), n = lv && ('一二三四五'.indexOf(lv[1]) + 1 || +lv[1]);
        if (lv && (!lv[2] || n === 3)) { params.push('level=' + n + (lv[2] ? '%2B' : '')); words.push('一二三四五'[n - 1] + '级' + (lv[2] ? '及以上' : '')); }
        var home = homeWords.some(function (w) { return plain.indexOf(w) >= 0; });
        if (!(strong || county || home) || !words.length && !(county && home)) return null;
        return {
          href: base + 'institutions/?' + (county && county.code ? 'county=' + county.code + '&' : '') + 'category=institution&' + params.concat('sort=rating').join('&'),
          label: '查看' + (county ? county.name : '') + (words.length ? words.join('、') + '的' : '的全部') + '养老机构',
          // The directory has no field for whether a home takes residents who cannot look after themselves.
          note: /失能|卧床|瘫痪|不能自理/.test(plain) ? '是否接收失能老人本站没有记录，可参考护理型床位，并致电机构确认。' : ''
        };
      }
      if (results) {
        var input = $('#search-page-q'), searchStatus = $('#search-status');
        var q = (new URLSearchParams(location.search).get('q') || '').trim();
        if (input) input.value = q;
        // The header's box says the same query (it is the one people look at first).
        if ($('#site-q')) $('#site-q').value = q;
        if (q) {
          // "附近的养老院": the directory sorted by distance; "…收费": fees are not in the data (FindPages.search).
          [['#near-hint', /附近|离我|周边|最近的?[养敬护机]/], ['#fee-hint', /收费|价格|价钱|费用|多少钱/]].forEach(function (h) { var e = $(h[0]); if (e) e.hidden = !h[1].test(q); });
          var started = performance.now();
          document.title = '“' + q + '”的搜索结果 - ' + document.title;
          results.innerHTML = '<p>正在搜索…</p>';
          // `shown`: how many were listed before "再显示" asked for more (the focus goes to the first new one).
          var run = function (limit, shown) { find(q, limit).then(function (found) {
            var ms = Math.round(performance.now() - started), list = found.list;
            // The index answers with the best `limit` when there are more: never call that the number found.
            var many = found.incomplete && list.length >= limit;
            var link = directoryLink(found.instead || q);
            var said = (found.instead ? '没有找到“' + q + '”，以下是“' + found.instead + '”的结果。' : '') + '“' + (found.instead || q) + '”：' + (found.partial && list.length ? (link ? '没有同时含有这些字的机构、地区或文件，' + link.label.replace(/^查看/, '') + '见上方链接；' : '没有完全符合的机构、地区或文件（名录中没有的机构，可向当地民政部门核实）；') + '以下 ' + list.length + ' 条只部分符合，请核对名称' : many ? (found.total ? '共 ' + found.total + ' 条，' : '符合的结果很多，') + '以下是最相关的 ' + list.length + ' 条' : '找到 ' + list.length + ' 条结果') + '。';
            // The list holds the names with the words typed; the other homes that fit (…护理院, …托养中心) are behind the link.
            if (link && !found.partial) said += link.label.replace(/^查看/, '') + '（包括名称里没有这些字的）见上方链接。';
            // The count is announced once (a permanent status line); the list itself is read when the reader goes to it.
            if (searchStatus) searchStatus.textContent = said;
            // Asking for a number to ring ("电话", "投诉"): the hotline, and where each home's number is.
            var html = (/电话|热线|12345|投诉|咨询/.test(q) ? '<p class="quick-find">咨询、投诉请拨打 <a href="tel:12345">12345</a> 政务服务热线；每家机构的电话在它的页面上，名称下方。</p>' : '')
              + (link ? '<p class="quick-find"><a href="' + esc(link.href) + '">' + esc(link.label) + '</a>（机构名录，按等级从高到低，可再按床位、医养结合等筛选）' + (link.note ? '<br>' + esc(link.note) : '') + '</p>' : '')
              + '<h2 id="results-h" tabindex="-1">搜索结果</h2><p>' + esc(said)
              // Many results shown in part, or few found in part of the records (common characters): said as it is.
              + (found.incomplete ? (many ? '多输入几个字可以找得更准；' : '这些字很常见，只查了一部分记录，' + (list.length ? '可能还有其他符合的结果；' : '可能有符合的结果没有查到；'))
                + '要看一个地区的全部机构，请打开地区页面或<a href="' + esc(base + 'institutions/') + '">机构名录</a>按地区筛选。' : '') + '</p>';
            if (list.length) {
              html += '<ol class="results" aria-labelledby="results-h">' + list.map(function (r) {
                return '<li><a href="' + esc(base + r.url) + '">' + esc(r.title) + '</a> <span class="badge">' + esc(r.kind) + '</span>' + warn(r.warning ? r.warning.split('、') : []) + '<br><span class="muted">' + esc(r.detail.replace(/(有效期至(\d+)年(\d+)月(\d+)日)）/, pastEnd)) + '</span></li>';
              }).join('') + '</ol>' + (many && found.more ? '<p><button type="button" id="search-more">再显示 ' + (found.total ? Math.min(24, found.total - list.length) : 24) + ' 条</button></p>' : '');
            } else {
              html += '<p>没有找到。可以少输入几个字，或按下面的地区和等级查找。</p>';
            }
            results.innerHTML = html;
            results.setAttribute('data-bytes', fetchedBytes);
            results.setAttribute('data-ms', ms);
            var more = $('#search-more'), next = $$('ol.results a', results)[shown];
            if (more) more.addEventListener('click', function () { started = performance.now(); run(limit + 24, list.length); });
            if (shown) (next || $('#results-h')).focus();
          }).catch(function () {
            results.innerHTML = '<p>搜索暂时不可用，请按下面的地区和等级查找。</p>';
            if (searchStatus) searchStatus.textContent = '搜索暂时不可用';
          }); };
          run(24, 0);
        }
      }

      // Set by the compare code below; the directory's results call it after drawing their buttons.
      var compareButtons = function () {};

      /* Directory: filters and sort kept in the URL, and "near me" computed only here. */
      var finder = $('#finder');
      if (finder) {
        finder.hidden = false;
        var list = $('#finder-results'), form = $('#finder-form'), here = null, index = null, shown = 100;
        // "查看结果" leads the focus to the list, not only the view.
        if (list) list.setAttribute('tabindex', '-1');
        var pageTitle = document.title;
        // What a screen reader hears after each change: one short line, never the whole list.
        var finderStatus = $('#finder-status');
        // Said once the choice settles: arrowing through seventeen counties re-filters the list
        // each time, but a screen reader hears only the count of the one chosen.
        var sayTimer = null;
        var say = function (t) {
          clearTimeout(sayTimer);
          sayTimer = setTimeout(function () { if (finderStatus) finderStatus.textContent = t; }, 600);
        };
        var files = {}, names = {}, parent = {}, counts = {}, centre = {}, reach = {}, cities = [];
        var params = new URLSearchParams(location.search);
        // Opened with filters (the home page's picker, a shared link): the first list is brought
        // into view, since on a phone it starts a screen or two below the top.
        var arrived = location.search.length > 1 && !location.hash;
        // Whether a filtered list was showing: clearing the filters is then said, not silent.
        var wasFiltered = false;
        // Up to this many facilities are filtered without choosing a region first.
        var wholeLimit = 5000;
        var km = function (a, b, c, d) {
          var r = Math.PI / 180, x = Math.sin((c - a) * r / 2), y = Math.sin((d - b) * r / 2);
          return 12742 * Math.asin(Math.sqrt(x * x + Math.cos(a * r) * Math.cos(c * r) * y * y));
        };
        var provinceSelect = form.elements.province, citySelect = form.elements.city, countySelect = form.elements.county;
        // True when region c is, or lies inside, region a (walks the parent chain).
        var within = function (c, a) {
          for (var r = c; r; r = parent[r]) if (r === a) return true;
          return false;
        };
        var fill = function (select, codes, first) {
          select.innerHTML = '<option value="">' + esc(first) + '</option>' + codes.map(function (c) {
            return '<option value="' + esc(c) + '">' + esc(names[c]) + '</option>';
          }).join('');
        };
        var fillCities = function () {
          var province = provinceSelect.value, keep = citySelect.value;
          var codes = cities.filter(function (c) { return !province || within(c, province); });
          fill(citySelect, codes, '全部');
          if (codes.indexOf(keep) >= 0) citySelect.value = keep;
        };
        var fillCounties = function () {
          var city = citySelect.value, province = provinceSelect.value, keep = countySelect.value;
          var codes = Object.keys(counts).filter(function (c) { return within(c, city || province || c); }).sort();
          fill(countySelect, codes, city || province || citySelect.options.length <= 2 ? '全部' : '先选城市');
          if (codes.indexOf(keep) >= 0) countySelect.value = keep;
        };
        // The files (one per region) the current filters need, or null if too many.
        var needed = function (f) {
          var codes = Object.keys(counts).sort();
          if (f.county) return counts[f.county] ? [f.county] : [];
          var area = f.city || f.province;
          if (area) codes = codes.filter(function (c) { return within(c, area); });
          var sum = codes.reduce(function (n, c) { return n + counts[c]; }, 0);
          if (sum <= wholeLimit) return codes;
          if (f.sort === 'distance' && here) {
            // A region's facilities are at least edge km away: its centre's distance less its reach.
            // Regions the position lies within reach of tie at 0: the nearest centre first then.
            var mid = function (c) { return km(here[0], here[1], centre[c][0], centre[c][1]); };
            var edge = function (c) { return Math.max(0, mid(c) - (reach[c] || 0)); };
            var near = codes.filter(function (c) { return centre[c]; }).sort(function (a, b) { return edge(a) - edge(b) || mid(a) - mid(b); });
            var pick = near.slice(0, 3);
            // Once those are in, any region whose edge is nearer than the tenth facility found
            // that the filters keep may hold a nearer one: loaded too, nearest edge first, while
            // all loaded stay within 1 400 facilities (about 200 KB) and 24 files.
            if (pick.every(function (c) { return files[c]; })) {
              var d = flat(pick.map(function (c) { return files[c]; })).filter(function (r) { return keeps(f, r, true); })
                .map(function (r) { return r[9] === null ? Infinity : km(here[0], here[1], r[9], r[10]); }).sort(function (a, b) { return a - b; });
              var limit = d.length >= 10 ? d[9] : Infinity;
              var rowsIn = pick.reduce(function (n, c) { return n + counts[c]; }, 0);
              for (var k = 3; k < near.length && pick.length < 24 && edge(near[k]) < limit && rowsIn + counts[near[k]] <= 1400; k++) {
                pick.push(near[k]); rowsIn += counts[near[k]];
              }
            }
            return pick;
          }
          return null;
        };
        // Whether row r passes the filters f (the level too, when withLevel).
        var keeps = function (f, r, withLevel) {
          if (f.category && r[3] !== f.category) return false;
          if (f.ownership && r[4] !== f.ownership) return false;
          if (f.medical && !r[8]) return false;
          if (f.nursing && !r[6]) return false;
          if (f.fire && !r[13]) return false;
          if (!withLevel) return true;
          if (f.level === '3+' && r[7] < 3) return false;
          // 未评级或已失效: care institutions only (other facilities are not rated at all).
          if (f.level === '0' && (r[3] !== 'institution' || r[7] !== 0)) return false;
          if (f.level && f.level !== '3+' && f.level !== '0' && r[7] !== Number(f.level)) return false;
          return true;
        };
        var render = function () {
          if (!index) return;
          var f = {};
          var query = new URLSearchParams();
          $$('select, input', form).forEach(function (el) {
            var v = el.type === 'checkbox' ? (el.checked ? '1' : '') : el.value;
            f[el.name] = v;
            if (v) query.set(el.name, v);
          });
          history.replaceState(null, '', location.pathname + (query.toString() ? '?' + query : ''));
          var active = query.toString() !== '';
          $$('.static-directory').forEach(function (el) { el.hidden = active; });
          list.hidden = !active;
          // The count beside the filters, with a way down to the list (on a phone it is below them).
          var count = $('#finder-count');
          var counted = function (n) {
            if (!count) return;
            count.hidden = n === null;
            if (n !== null) count.innerHTML = '符合条件：<strong>' + n + '</strong> 处　<a href="#finder-results">查看结果</a>';
          };
          counted(null);
          if (!active) {
            say(wasFiltered ? '已清除筛选，下面是全部名录。' : '');
            wasFiltered = false;
            return hints();
          }
          wasFiltered = true;
          var codes = needed(f);
          if (codes === null) {
            var area = f.city || f.province;
            var inArea = Object.keys(counts).reduce(function (n, c) { return n + (!area || within(c, area) ? counts[c] : 0); }, 0);
            // A province alone holds too many to load on a phone: say what to choose next.
            var ask = (area ? '所选地区共有 ' + inArea.toLocaleString('en-US') + ' 处机构和设施，太多，无法一次列出。请再选择' + (f.city ? '' : '城市或')
              : '共有 ' + index.total.toLocaleString('en-US') + ' 处机构和设施。请先选择' + (provinceSelect.options.length > 2 ? '省份、' : '') + '城市或') + '县（市、区），或点“按离我远近排序”。';
            list.innerHTML = '<p>' + ask + '</p>';
            say(ask);
            return;
          }
          var missing = codes.filter(function (c) { return !files[c]; });
          if (missing.length) {
            list.innerHTML = '<p>正在载入…</p>';
            Promise.all(missing.map(function (c) { return getJSON('search/f-' + c + '.json').then(function (rows) { files[c] = rows; }); }))
              .then(render, function () { list.innerHTML = '<p>筛选暂时不可用，请使用下面的名录。</p>'; say('筛选暂时不可用'); });
            return;
          }
          // Every filter but the level: for saying, when a level finds nothing, which levels there are.
          function others(r) { return keeps(f, r, false); }
          var rows = flat(codes.map(function (c) { return files[c]; })).filter(function (r) { return keeps(f, r, true); });
          if (f.sort === 'distance' && here) rows.forEach(function (r) { r.d = r[9] === null ? Infinity : km(here[0], here[1], r[9], r[10]); });
          function out(r) { return r[12].some(function (w) { return w === '已列入黑名单' || w === '暂停运营' || w === '已关闭'; }) ? 1 : 0; }
          // A level the reader's today is past is drawn without stars (and said so).
          function lv(r) { return r[15] && r[15] < today ? 0 : r[7]; }
          var by = {
            // Homes one cannot choose now (Labels.warnings: blacklisted, suspended, closed) come last,
            // by rating and by distance alike. Also the order when a level is picked and no sort: 五级 before 三级.
            // By the level as of the data's date, as the county pages and the level filter judge it
            // (data a year old would otherwise sort every home as unrated, so by beds); within a
            // level, those still valid by the reader's today first.
            rating: function (a, b) { return out(a) - out(b) || b[7] - a[7] || (lv(b) ? 1 : 0) - (lv(a) ? 1 : 0) || b[5] - a[5]; },
            beds: function (a, b) { return b[5] - a[5]; },
            nursing: function (a, b) { return out(a) - out(b) || b[6] - a[6]; },
            name: function (a, b) { return a[1].localeCompare(b[1], 'zh-CN'); },
            distance: function (a, b) { return out(a) - out(b) || (a.d || 0) - (b.d || 0); }
          }[f.sort || (f.level ? 'rating' : '')] || function () { return 0; };
          rows.sort(by);
          counted(rows.length);
          var scope = !f.county && !f.city && !f.province && codes.length < Object.keys(counts).length ? '（离您最近的 ' + codes.length + ' 个县（市、区））' : '';
          var dist = f.sort === 'distance' && here;
          // The filters in words, so a shared link says what list it is (the form may be scrolled away).
          var words = [];
          $$('select', form).forEach(function (el) { if (el.value && el.name !== 'sort') words.push(el.options[el.selectedIndex].text); });
          $$('input[type=checkbox]', form).forEach(function (el) { var l = el.closest('label'); if (el.checked && l) words.push(l.textContent.trim()); });
          document.title = (words.length ? words.join('、') + ' - ' : '') + pageTitle;
          var line = '符合条件的机构和设施' + (words.length ? '（' + words.join('、') + '）' : '') + scope + '：' + rows.length + ' 处。' + (f.sort === 'distance' && !here ? '要按离您远近排序，请点“按离我远近排序”并允许使用位置。' : '');
          // With more rows than shown, the status says how far the list goes ("再显示 100 处" extends it).
          say(line + (rows.length > shown ? '已显示前 ' + shown + ' 处。' : ''));
          if (!rows.length) {
            // Nothing to list: say which way out there is, rather than an empty table.
            // With a level picked: the levels these filters do find, from the data (a tip to another empty list helps nobody).
            var wider = '';
            if (f.level) {
              var have = {};
              flat(codes.map(function (c) { return files[c]; })).forEach(function (r) { if (others(r) && r[3] === 'institution') have[r[7]] = (have[r[7]] || 0) + 1; });
              var levels = [5, 4, 3, 2, 1, 0].filter(function (l) { return have[l]; }).map(function (l) { return (l ? levelName(l) : '未评级或已失效') + ' ' + have[l] + ' 家'; });
              wider = levels.length ? '其他条件不变时有：' + levels.join('、') + '；请改选等级，' : '';
            } else if (f.ownership) {
              // A kind of ownership these filters never find (no care home is 公建民营 here): which ones they do.
              var g = {}, kinds = {};
              Object.keys(f).forEach(function (k) { g[k] = k === 'ownership' ? '' : f[k]; });
              flat(codes.map(function (c) { return files[c]; })).forEach(function (r) { if (keeps(g, r, true)) kinds[r[4]] = (kinds[r[4]] || 0) + 1; });
              var owned = Object.keys(ownName).filter(function (o) { return kinds[o]; }).map(function (o) { return ownName[o] + ' ' + kinds[o] + ' 处'; });
              wider = owned.length ? '其他条件不变时有：' + owned.join('、') + '；请改选性质，' : '';
            }
            list.innerHTML = '<p>' + esc(line) + '</p><p>' + wider + '减少筛选条件，或<button type="button" id="finder-clear">清除全部筛选</button>。</p>';
            // The button goes with the list: focus moves to the first filter rather than to the page.
            $('#finder-clear').addEventListener('click', function () { $('#finder-reset').click(); var first = $('label:not([hidden]) select', form); if (first) first.focus(); });
            hints();
            return;
          }
          var picks = rows.slice(0, shown).some(function (r) { return r[3] === 'institution'; });
          // The number to ring, one tap on a phone.
          var phones = rows.slice(0, shown).some(function (r) { return r[14]; });
          var html = '<p>' + esc(line) + '</p><div class="table-scroll" tabindex="0" role="region" aria-label="筛选结果"><table class="stack"><caption class="vh">筛选结果</caption><thead><tr><th scope="col">名称</th><th scope="col">等级</th>' + (dist ? '<th scope="col" class="n">直线距离</th>' : '') + '<th scope="col" class="n">床位</th><th scope="col">类别 · 性质</th>' + (f.county ? '' : '<th scope="col">地区</th>') + (phones ? '<th scope="col">电话</th>' : '') + (picks ? '<th scope="col"><span class="vh">对比</span></th>' : '') + '</tr></thead><tbody>';
          // The deciding columns (rating, distance) come first; on a phone each row is a card.
          html += rows.slice(0, shown).map(function (r) {
            return '<tr><th scope="row"><a href="' + esc(base + 'institutions/' + r[0] + '/') + '">' + esc(r[1]) + '</a>' + warn(r[12] || []) + '</th><td class="nw" data-label="等级">' + esc(r[3] !== 'institution' ? '不参加评定' : r[11] || '—') + stars(lv(r)) + (lv(r) < r[7] ? '<br><span class="muted">按今天的日期已过有效期</span>' : '') + '</td>' + (dist ? '<td class="n" data-label="直线距离">' + (isFinite(r.d) ? r.d.toFixed(1) + ' 公里' : '—') + '</td>' : '') + '<td class="n" data-label="床位">' + (r[5] ? r[5] + ' 张' + (r[6] ? '（护理型 ' + r[6] + '）' : '') : '无') + '</td><td data-label="类别 · 性质">' + esc((catName[r[3]] || r[3]) + ' · ' + (ownName[r[4]] || r[4]) + (r[8] ? ' · 医养结合' : '')) + '</td>' + (f.county ? '' : '<td class="nw" data-label="地区">' + esc(names[r[2]] || r[2]) + '</td>')
              + (phones ? '<td class="nw" data-label="电话">' + (r[14] ? telLinks(r[14]) : '—') + '</td>' : '')
              // Its own cell, named with the facility: 100 buttons that all read "加入对比" tell nothing apart.
              + (picks ? '<td class="nw">' + (r[3] === 'institution' ? '<button type="button" class="pick" data-compare="' + esc(r[0]) + '" aria-pressed="false" data-name="' + esc(r[1]) + '">加入对比</button>' : '') + '</td>' : '') + '</tr>';
          }).join('') + '</tbody></table></div>';
          if (rows.length > shown) html += '<p><button type="button" id="finder-more">再显示 100 处</button></p>';
          list.innerHTML = html;
          hints();
          compareButtons();
          // Focus goes where the page scrolls, so the next Tab and a screen reader continue there.
          if (arrived) { arrived = false; var at = count && !count.hidden ? count : list; at.setAttribute('tabindex', '-1'); at.focus(); }
          var more = $('#finder-more');
          // The next rows are added below, and the reader continues at the first of them.
          if (more) more.addEventListener('click', function () {
            var first = shown;
            shown += 100;
            render();
            var row = $$('#finder-results tbody tr')[first], link = row && $('a', row);
            if (link) link.focus();
          });
        };
        getJSON('search/f-index.json').then(function (ix) {
          // Regions nest: [code, name, level, facilities, latitude, longitude, regions inside, reach in km].
          var provinces = [];
          var walk = function (list, up) {
            list.forEach(function (r) {
              names[r[0]] = r[1]; parent[r[0]] = up;
              if (r[3]) { counts[r[0]] = r[3]; if (r[4] !== null) { centre[r[0]] = [r[4], r[5]]; reach[r[0]] = r[7] || 0; } }
              if (r[2] === 'province') provinces.push(r[0]); else if (r[2] === 'city') cities.push(r[0]);
              if (r[6]) walk(r[6], r[0]);
            });
          };
          if (ix.files) {
            // An index cached from before the tree (a CDN's copy just after an update): flat lists.
            ix.regions.forEach(function (r) { walk([[r[0], r[1], r[2], 0, null, null]], r[3]); });
            ix.files.forEach(function (x) { counts[x[0]] = x[1]; if (x[2] !== null) centre[x[0]] = [x[2], x[3]]; });
          } else walk(ix.regions, null);
          fill(provinceSelect, provinces, '全部');
          provinceSelect.parentNode.hidden = provinces.length < 2;
          if (params.get('province')) provinceSelect.value = params.get('province');
          fillCities();
          citySelect.parentNode.hidden = cities.length < 2;
          if (params.get('city')) citySelect.value = params.get('city');
          fillCounties();
          $$('select, input', form).forEach(function (el) {
            var v = params.get(el.name);
            if (v === null || el === citySelect || el === provinceSelect) return;
            if (el.type === 'checkbox') el.checked = v === '1'; else el.value = v;
          });
          index = ix;
          render();
          // A shared or reloaded list sorted by distance: when the browser already allows the
          // position, it is taken again at once (no question asked); otherwise the note says how.
          if (params.get('sort') === 'distance' && params.get('ask') === '1' && navigator.geolocation) locate();
          else if (params.get('sort') === 'distance' && navigator.permissions && navigator.geolocation) {
            navigator.permissions.query({ name: 'geolocation' }).then(function (p) { if (p.state === 'granted') locate(); }).catch(function () {});
          }
        });
        provinceSelect.addEventListener('change', function () { citySelect.value = ''; countySelect.value = ''; fillCities(); fillCounties(); });
        citySelect.addEventListener('change', function () { countySelect.value = ''; fillCounties(); });
        var near = $('#finder-near'), note = $('#finder-near-note');
        // "Near me" from the button or from 离我最近 in the sort menu: asks for the position once.
        // aria-disabled, not disabled: a disabled button loses the keyboard focus it has.
        var locate = function () {
          if (!navigator.geolocation) { form.elements.sort.value = ''; note.textContent = '这个浏览器不能提供位置。您可以按地区筛选。'; render(); return; }
          if (near.getAttribute('aria-disabled') === 'true') return;
          near.setAttribute('aria-disabled', 'true');
          note.textContent = '正在取得您的位置…';
          navigator.geolocation.getCurrentPosition(function (p) {
            here = [p.coords.latitude, p.coords.longitude];
            form.elements.sort.value = 'distance';
            near.removeAttribute('aria-disabled');
            // Most people asking "near me" look for a care home, not a village day centre.
            var only = !form.elements.category.value;
            if (only) form.elements.category.value = 'institution';
            note.textContent = '已按离您远近排序（直线距离，不是路程；暂停运营、已关闭和列入黑名单的排在最后）' + (only ? '，只列出养老机构（要看社区、乡镇、农村设施，请在“类别”中选择）' : '') + '。您的位置只在本浏览器里使用，不会发送出去。';
            render();
          }, function () {
            near.removeAttribute('aria-disabled');
            if (form.elements.sort.value === 'distance') form.elements.sort.value = '';
            // Says the list is not by distance: a list in county order read as "nearest" sends a
            // family to the wrong end of the city.
            note.textContent = '未能取得位置，没有按远近排序。可在浏览器设置中允许使用位置后再点一次，或选择所在的县（市、区）。';
            render();
          }, { timeout: 15000 });
        };
        form.addEventListener('change', function (e) {
          shown = 100;
          if (e.target === form.elements.sort && e.target.value === 'distance' && !here) return locate();
          render();
        });
        form.addEventListener('submit', function (e) { e.preventDefault(); render(); });
        // 清除筛选: the form's own reset, then the region lists and results follow.
        form.addEventListener('reset', function () {
          setTimeout(function () { shown = 100; fillCities(); fillCounties(); render(); }, 0);
        });
        if (near && navigator.geolocation) {
          near.hidden = false;
          near.addEventListener('click', locate);
        }
      }

      /* Compare up to three institutions; the choice stays in this browser. */
      var picked = [], full = false, cleared = [];
      try { picked = JSON.parse(store('yl-compare') || '[]'); } catch (e) { picked = []; }
      // The status line is outside the bar and always present: the bar hides when nothing is
      // picked, and a live region that appears together with its text is often not read.
      var bar = $('#compare-bar'), barBody = null, barStatus = $('#compare-live');
      if (bar) { bar.innerHTML = '<span></span>'; barBody = bar.firstChild; }
      var tell = function (t) {
        if (!barStatus) return;
        // Emptied first, so the same words said twice (a fifth pick refused again) are read again.
        barStatus.textContent = '';
        setTimeout(function () { barStatus.textContent = t; }, 50);
      };
      // Nothing the keyboard reaches may hide under the sticky bar: measured after it is drawn.
      var pad = function () { if (bar) root.style.scrollPaddingBottom = bar.hidden ? '' : (bar.offsetHeight + 16) + 'px'; };
      window.addEventListener('resize', pad);
      var limitText = '已选满 3 家，这一家没有加入：先取消一家再选。', limitTimer = 0;
      // `focus`: the control that takes the focus once the bar is redrawn (the pressed one is gone).
      var drawBar = function (focus) {
        if (!bar) return;
        // On the compare page itself the bar would only link back to it.
        bar.hidden = (picked.length === 0 && cleared.length === 0) || !!$('#compare-table');
        if (picked.length === 0 && cleared.length) {
          // A slip of the finger on 清空 is undone with one tap.
          barBody.innerHTML = '已清空对比 <button type="button" id="compare-undo">撤销</button>';
          $('#compare-undo').addEventListener('click', function () {
            picked = cleared; cleared = []; store('yl-compare', JSON.stringify(picked));
            drawBar('#compare-clear'); drawButtons(); tell('已恢复，已选 ' + picked.length + ' 家');
          });
        } else {
          barBody.innerHTML = '已选 ' + picked.length + ' 家<span class="bar-max">（最多 3 家）</span> <a href="' + esc(base + 'compare/?ids=' + picked.join(',')) + '">对比</a> <button type="button" id="compare-clear">清空</button>'
            + '<span class="limit">' + (full ? limitText : '') + '</span>';
          $('#compare-clear').addEventListener('click', function () {
            cleared = picked; picked = []; full = false; store('yl-compare', '[]');
            drawBar('#compare-undo'); drawButtons(); tell('已清空对比，可以撤销');
          });
        }
        pad();
        if (focus && $(focus)) $(focus).focus();
      };
      var drawButtons = function () {
        $$('[data-compare]').forEach(function (b) {
          b.hidden = false;
          var on = picked.indexOf(b.getAttribute('data-compare')) >= 0;
          b.setAttribute('aria-pressed', on ? 'true' : 'false');
          b.textContent = on ? '已加入对比' : '加入对比';
          // In a list, each button says which facility it is for.
          var name = b.getAttribute('data-name');
          if (name) b.setAttribute('aria-label', b.textContent + '：' + name);
        });
      };
      // One listener for the buttons on the page and those the directory's results add later.
      document.addEventListener('click', function (e) {
        var b = e.target && e.target.closest ? e.target.closest('[data-compare]') : null;
        if (!b) return;
        var id = b.getAttribute('data-compare'), at = picked.indexOf(id);
        // A fourth pick is refused with a message, never by silently dropping the first.
        full = at < 0 && picked.length >= 3;
        if (at >= 0) picked.splice(at, 1); else if (!full) picked.push(id);
        cleared = [];
        store('yl-compare', JSON.stringify(picked));
        drawButtons(); drawBar();
        tell(full ? limitText : (at >= 0 ? '已取消' : '已加入对比') + '，已选 ' + picked.length + ' 家');
        // The refusal is said (and announced) for a while, then the bar shrinks back over the page.
        clearTimeout(limitTimer);
        if (full) limitTimer = setTimeout(function () { full = false; var l = $('.limit', bar); if (l) { l.textContent = ''; pad(); } }, 6000);
      });
      compareButtons = drawButtons;
      drawButtons(); drawBar();
      hints();
      var table = $('#compare-table'), compareStatus = $('#compare-status');
      // The words that make a spot check's result a pass or a finding (SpotCheck), with the compare page (FindPages.compare).
      var words = table ? JSON.parse(table.getAttribute('data-words') || '[[],[]]') : [[], []], passWords = words[0], findingWords = words[1];
      var drawCompare = function (ids, focusAt) {
        if (!ids.length) {
          table.innerHTML = '<p>还没有选择机构。请在<a href="' + esc(base + 'institutions/?category=institution') + '">机构名录</a>或机构页面点“加入对比”，最多 3 家。</p>';
          var h = $('h1');
          if (focusAt !== undefined && h) { h.setAttribute('tabindex', '-1'); h.focus(); }
          return;
        }
        // One facility that is gone (an old link, a pick from an earlier data version) must not
        // blank the others: its column says so and can be removed.
        Promise.all(ids.map(function (id) {
          // A facility removed since it was picked: its address now says only that it left.
          return getJSON('data/institutions/' + id + '.json').then(function (i) { return i.removed_in_release ? { id: id, gone: true } : i; })
            .catch(function () { return { id: id, gone: true }; });
        })).then(function (list) {
          // The same words as the pages (RatingState.label): 三级, 已撤销（原三级）, 已过有效期（原三级）, 未评级.
          var level = function (i) {
            if (i.category !== 'institution') return '不参加等级评定';
            // Valid on the data's date, past its end by the reader's today: said, as the facility's page says it.
            var current = i.ratings.filter(function (r) { return r.state === 'current'; })[0];
            if (i.rating_level) return levelName(i.rating_level) + (current && current.valid_until && current.valid_until < today ? '（按今天的日期已过有效期）' : '');
            var last = i.ratings.slice().sort(function (a, b) { return a.rated_on < b.rated_on ? 1 : -1; })[0];
            if (!last || i.rating_state === 'unrated') return '未评级';
            return (i.rating_state === 'withdrawn' ? '已撤销' : '已过有效期') + '（原' + levelName(last.level) + '）';
          };
          var kinds = function (i, k) { return i.credit_records.filter(function (c) { return c.kind === k; }).length; };
          // Spot checks that found a problem, read as SpotCheck reads them (the same words).
          var found = function (i) {
            return i.credit_records.filter(function (c) {
              var r = (c.kind === 'spot_check' && c.result || '').trim().replace(/[。.；;，,！!]+$/, '');
              return r && !passWords.some(function (w) { return r === w || r.indexOf(w + '（') === 0 || r.indexOf(w + '(') === 0; })
                && findingWords.some(function (w) { return r.indexOf(w) >= 0; });
            }).length;
          };
          var rows = [
            ['地区', function (i) { return i.region_name; }],
            // Where it is and whom to call, so a family need not open each page.
            ['地址', function (i) { return i.address || '未公布'; }],
            // Each number a tel: link, as on the facility's page (Components.phone); none: the hotline, as there.
            ['电话', function (i) { return i.phone || '未公布'; }, null, function (i) {
              return !i.phone ? '未公布；可拨打 <a href="tel:12345">12345</a> 政务服务便民热线询问' : telLinks(i.phone);
            }],
            ['类别', function (i) { return catName[i.category]; }],
            ['性质', function (i) { return ownName[i.ownership]; }],
            ['运营状态', function (i) { return statusName[i.status] || i.status; }, function (i) { return i.status !== 'operating'; }],
            // One row for what families look for first, flagged whenever there is anything.
            ['公示中的处罚、惩戒和抽查问题', function (i) {
              var b = kinds(i, 'blacklist'), u = kinds(i, 'punishment'), p = kinds(i, 'penalty'), f = found(i);
              var out = [];
              if (b) out.push('已列入黑名单');
              if (u) out.push('失信惩戒 ' + u + ' 条');
              if (p) out.push('行政处罚 ' + p + ' 条');
              if (f) out.push('抽查发现问题 ' + f + ' 次');
              return out.length ? out.join('；') : '无';
            }, function (i) { return kinds(i, 'blacklist') + kinds(i, 'punishment') + kinds(i, 'penalty') + found(i) > 0; }],
            ['等级评定', level, null, function (i) { return esc(level(i)) + (i.category === 'institution' && i.rating_level ? stars(i.rating_level) : ''); }],
            ['床位', function (i) { return i.beds_total ? i.beds_total + ' 张' : '无'; }],
            ['护理型床位', function (i) { return i.beds_total ? i.beds_nursing + ' 张' : '无'; }],
            ['养老护理员', function (i) { return i.caregivers === null ? '未报送' : i.caregivers + ' 人' + (i.caregivers_certified === null ? '' : '（持证 ' + i.caregivers_certified + ' 人）'); }],
            ['入住率', function (i) { return i.residents === null || !i.beds_total ? '未报送' : (Math.round(10000 * i.residents / i.beds_total) / 100).toFixed(2) + '%' + (i.residents > i.beds_total ? '（在住人数多于床位数，数字待核实）' : ''); }],
            ['医养结合', function (i) { return medical[i.medical_integration]; }],
            ['消防验收', function (i) { return i.fire_safety_accepted ? '已通过' : '暂无通过记录'; }]
          ];
          // On a phone each item's name is a line of its own above the facilities' values (CSS
          // grid, --n columns); the roles keep it a table for screen readers whatever its display.
          var html = '<div class="table-scroll" tabindex="0" role="region" aria-label="机构对比"><table role="table" style="--n:' + list.length + '"><caption class="vh">机构对比</caption><thead role="rowgroup"><tr role="row"><th scope="col" role="columnheader">项目</th>' + list.map(function (i) {
            var name = i.gone ? '已不在名录中的机构（' + i.id + '）' : i.name;
            return '<th scope="col" role="columnheader">' + (i.gone ? esc(name) : '<a href="' + esc(base + 'institutions/' + i.id + '/') + '">' + esc(name) + '</a>') + ' <button type="button" class="unpick" data-remove="' + esc(i.id) + '">移出对比<span class="vh">：' + esc(name) + '</span></button></th>';
          }).join('') + '</tr></thead><tbody role="rowgroup">' + rows.map(function (r) {
            return '<tr role="row"><th scope="row" role="rowheader">' + r[0] + '</th>' + list.map(function (i) {
              if (i.gone) return '<td role="cell">—</td>';
              // A warning cell is a badge with a symbol, not colour alone.
              return '<td role="cell">' + (r[2] && r[2](i) ? warn(r[1](i).split('；')) : r[3] ? r[3](i) : esc(r[1](i))) + '</td>';
            }).join('') + '</tr>';
          }).join('') + '</tbody></table></div>';
          table.innerHTML = html;
          hints();
          // After a removal the focus goes to the next column's button (or the one before).
          var left = $$('[data-remove]', table);
          if (focusAt !== undefined && left.length) left[Math.min(focusAt, left.length - 1)].focus();
        }).catch(function () { table.innerHTML = '<p>读取机构数据失败。</p>'; });
      };
      if (table) {
        var ids = (new URLSearchParams(location.search).get('ids') || picked.join(',')).split(',').filter(function (s, i, all) { return /^[0-9A-Z]{18}$/.test(s) && all.indexOf(s) === i; }).slice(0, 3);
        table.addEventListener('click', function (e) {
          var b = e.target && e.target.closest ? e.target.closest('[data-remove]') : null;
          if (!b) return;
          var id = b.getAttribute('data-remove'), at = ids.indexOf(id), name = b.textContent.replace(/^移出对比：/, '');
          ids = ids.filter(function (x) { return x !== id; });
          picked = picked.filter(function (x) { return x !== id; });
          store('yl-compare', JSON.stringify(picked));
          history.replaceState(null, '', location.pathname + (ids.length ? '?ids=' + ids.join(',') : ''));
          if (compareStatus) compareStatus.textContent = '已移出' + name + '，还剩 ' + ids.length + ' 家';
          drawCompare(ids, at);
        });
        drawCompare(ids);
      }
    })();
    """#
}

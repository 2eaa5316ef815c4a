"""The provenance map's inline style sheet, its script, and the colours of its sources.

The script reads the page's data from a JSON ``<script>`` block and writes the
evidence panel with ``textContent`` only, so no article text is ever parsed as HTML.
"""

from __future__ import annotations

from collections.abc import Mapping

# Hues step by the golden angle so neighbouring slots differ as much as possible
# however many sources a page has.
_GOLDEN_ANGLE = 137.508
# Backgrounds stay very light (lightness 88-93%) so dark text keeps a contrast
# above 12:1 (WCAG AAA) on every source colour; the edge colour carries the hue.
_BG_LIGHTNESS = (91, 86)
_EDGE = "hsl({h:.0f} 55% 38%)"


def source_style(slots: Mapping[str, int]) -> str:
    """CSS rules giving each colour slot (``.s0``, ``.s1``...) its background and edge colour.

    Example:
        >>> source_style({"Reuters": 0, "own writing": -1})
        '.s0{--bg:hsl(210 80% 91%);--edge:hsl(210 55% 38%)}'
    """
    rules = []
    for slot in sorted(s for s in slots.values() if s >= 0):
        hue = (210 + slot * _GOLDEN_ANGLE) % 360
        light = _BG_LIGHTNESS[(slot // 12) % 2]
        edge = _EDGE.format(h=hue)
        rules.append(f".s{slot}{{--bg:hsl({hue:.0f} 80% {light}%);--edge:{edge}}}")
    return "".join(rules)


CSS = """
:root{--ink:#17202a;--muted:#4a5563;--line:#d5dae1;--focus:#1d4ed8;--hit:#b42318;
--page:#eef1f5;--bg:#fff;--edge:#6b7280}
*{box-sizing:border-box}
body{margin:0;background:var(--page);color:var(--ink);
font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
header{background:#fff;border-bottom:1px solid var(--line);padding:.9rem 1.5rem .7rem}
h1{font-size:1.4rem;margin:0}h2{font-size:1.1rem;margin:0 0 .6rem}
.stats{margin:.2rem 0;font-weight:600}.hint{margin:0;color:var(--muted);max-width:60rem}
.note{color:var(--muted);font-size:.85rem;margin:.4rem 0 0}.sub{font-weight:400;color:var(--muted)}
.layout{display:grid;grid-template-columns:minmax(0,1fr) 19.5rem;align-items:start}
main{padding:1rem 1rem;min-width:0}
section{background:#fff;border:1px solid var(--line);border-radius:8px;padding:.9rem 1rem;
margin:0 0 1rem}
.scroll{overflow-x:auto}
table{border-collapse:collapse;width:100%;font-size:.9rem}
th,td{text-align:left;vertical-align:top;padding:.35rem .6rem;border-bottom:1px solid #e4e7eb}
thead th{color:var(--muted);font-weight:600;font-size:.8rem;text-transform:uppercase;
letter-spacing:.03em}
a{color:#1747b5}
.chips{list-style:none;margin:0;padding:0;display:flex;flex-wrap:wrap;gap:.35rem}
.chip{display:inline-block;background:var(--bg);border:1px solid var(--edge);
border-left-width:5px;border-radius:4px;padding:0 .45rem;margin:.1rem .2rem .1rem 0;
font-size:.82rem;overflow-wrap:anywhere}
.chip .n{color:#2d3540;font-weight:600;font-variant-numeric:tabular-nums}
.own{--bg:#fff;--edge:#6b7280}.untraced{--bg:#f2f3f5;--edge:#9aa1ab}
.cols{display:grid;grid-auto-flow:column;grid-auto-columns:minmax(14rem,1fr);gap:.8rem;
grid-template-rows:auto auto;max-width:calc(var(--n,1) * 27rem);overflow-x:auto;
scroll-snap-type:x proximity;padding:.2rem .2rem .6rem}
.art{min-width:0;overflow-wrap:anywhere;scroll-snap-align:start;display:grid;grid-row:span 2;
grid-template-rows:subgrid}
.head{border-bottom:2px solid var(--ink);padding-bottom:.4rem;margin-bottom:.4rem}
.art h3{font-size:1rem;line-height:1.3;margin:0 0 .25rem}
.meta,.credits{font-size:.8rem;color:var(--muted);margin:0}
.dup{font-size:.8rem;margin:.25rem 0 0;padding:.1rem .4rem;background:#fff4d6;
border:1px solid #b7791f;border-radius:4px}
.p{position:relative;background:var(--bg);border-left:5px solid var(--edge);border-radius:4px;
padding:.35rem .55rem .45rem;margin:.55rem 0;cursor:pointer;font-size:.9rem}
.p:hover{box-shadow:0 0 0 1px var(--edge)}
.p:focus-visible{outline:3px solid var(--focus);outline-offset:2px}
.p.sel{box-shadow:0 0 0 3px var(--ink)}
.p.hit{box-shadow:0 0 0 3px var(--hit)}
.p.hit::before{content:"same text: " attr(data-hit);display:inline-block;margin:0 0 .2rem;
background:var(--hit);color:#fff;font-size:.72rem;font-weight:600;padding:0 .4rem;
border-radius:3px}
.p.flash{animation:flash 1.2s}
@keyframes flash{from{box-shadow:0 0 0 6px var(--focus)}}
.tag{display:flex;flex-wrap:wrap;column-gap:.5rem;font-size:.74rem;color:#2d3540}
.nm{white-space:nowrap;color:#2d3540;margin-left:auto}
.ptitle{font-weight:600;margin:0}
.txt{margin:.1rem 0 0}
mark.cue{background:none;color:inherit;text-decoration:underline;
text-decoration-thickness:2px;text-decoration-color:var(--ink);text-underline-offset:3px}
details{margin-top:.6rem;font-size:.82rem;color:var(--muted)}
summary{cursor:pointer;color:var(--ink)}
details ul{padding-left:1.1rem}.why{font-weight:600}
aside{position:sticky;top:0;height:100vh;overflow:auto;background:#fff;
border-left:1px solid var(--line);padding:1rem 1.1rem;overflow-wrap:anywhere}
aside h3{font-size:.95rem;margin:.9rem 0 .3rem}
aside ul{margin:0;padding:0;list-style:none}
aside li{display:grid;grid-template-columns:5rem 1fr;gap:.4rem;margin:.3rem 0;font-size:.9rem}
.origin{padding:.5rem .6rem;background:var(--bg);border-left:5px solid var(--edge);
border-radius:4px}
.origin b{font-size:1.05rem}
.chain{font-size:.85rem;margin:.35rem 0 0}
.k{display:inline-block;font-size:.72rem;font-weight:600;text-transform:uppercase;
letter-spacing:.03em;color:var(--muted);padding-top:.1rem}
.go{font:inherit;font-size:.85rem;color:#1747b5;background:none;border:0;padding:0;
text-decoration:underline;cursor:pointer;text-align:left}
.score{font-variant-numeric:tabular-nums;font-weight:600}
@media (max-width:1050px){
.layout{display:block}main{padding-bottom:46vh}
aside{position:fixed;left:0;right:0;bottom:0;top:auto;height:auto;max-height:44vh;
border-left:0;border-top:2px solid var(--ink);box-shadow:0 -4px 14px rgba(0,0,0,.15)}}
@media print{aside{display:none}.layout{display:block}.cols{grid-auto-flow:row}}
"""

JS = """
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('np-data').textContent);
  var box = document.getElementById('np-evidence');
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }
  function articleLabel(key) {
    var a = data.articles[key.split('-')[0]];
    return a ? a.label : key;
  }
  function goButton(key, text) {
    var b = el('button', 'go', text);
    b.type = 'button';
    b.setAttribute('data-goto', key);
    return b;
  }
  function clear() {
    document.querySelectorAll('.p.sel, .p.hit').forEach(function (x) {
      x.classList.remove('sel', 'hit');
      x.removeAttribute('data-hit');
      x.setAttribute('aria-pressed', 'false');
    });
  }
  function originBlock(o) {
    var d = el('div', 'origin ' + o.class);
    d.appendChild(el('b', null, o.source));
    d.appendChild(document.createTextNode(' — ' + o.kind + ', confidence ' +
      o.confidence.toFixed(2) + (o.confidence >= 0.8 ? ' (high)' :
      o.confidence >= 0.6 ? ' (medium)' : ' (low)')));
    var chain = [o.source].concat(o.via).concat(['this article']);
    d.appendChild(el('p', 'chain', 'Chain: ' + chain.join(' → ')));
    return d;
  }
  function section(title, items) {
    var f = document.createDocumentFragment();
    f.appendChild(el('h3', null, title));
    var ul = el('ul');
    items.forEach(function (li) { ul.appendChild(li); });
    if (!items.length) ul.appendChild(el('p', 'note', 'none'));
    f.appendChild(ul);
    return f;
  }
  function evidenceItem(e) {
    var li = el('li');
    li.appendChild(el('span', 'k', e[0]));
    var s = el('span', null, e[1] + ' ');
    if (e[2]) s.appendChild(goButton(e[2], 'show'));
    li.appendChild(s);
    return li;
  }
  function cueItem(c) {
    var li = el('li');
    li.appendChild(el('span', 'k', c[1]));
    li.appendChild(el('span', null, '“' + c[0] + '” → ' + c[2] + (c[3] ? ' via ' + c[3] : '')));
    return li;
  }
  function matchItem(m) {
    var li = el('li');
    li.appendChild(el('span', 'k', m[1]));
    var s = el('span');
    s.appendChild(el('span', 'score', m[2].toFixed(2)));
    s.appendChild(document.createTextNode(' '));
    var label = (m[0] ? articleLabel(m[0]) : m[3]) + ', ¶' + m[4];
    s.appendChild(m[0] ? goButton(m[0], label) : el('span', null, label));
    li.appendChild(s);
    return li;
  }
  function render(key, d) {
    box.textContent = '';
    var a = data.articles[d.article];
    box.appendChild(el('p', 'ptitle', a.title));
    box.appendChild(el('p', 'note', a.meta + ' · paragraph ¶' + d.index));
    if (d.origin) box.appendChild(originBlock(d.origin));
    else box.appendChild(el('p', 'note', 'Not traced (dedup-only run).'));
    box.appendChild(section('Why', d.origin ? d.origin.evidence.map(evidenceItem) : []));
    box.appendChild(section('Attribution cues (underlined)', d.cues.map(cueItem)));
    box.appendChild(section('Same text elsewhere (' + d.matches.length + ')',
      d.matches.map(matchItem)));
  }
  function select(p) {
    clear();
    var d = data.paragraphs[p.id];
    if (!d) return;
    p.classList.add('sel');
    p.setAttribute('aria-pressed', 'true');
    d.matches.forEach(function (m) {
      var t = m[0] && document.getElementById(m[0]);
      if (!t) return;
      t.classList.add('hit');
      t.setAttribute('data-hit', m[1] + ' ' + m[2].toFixed(2));
    });
    render(p.id, d);
  }
  function goTo(key) {
    var t = document.getElementById(key);
    if (!t) return;
    t.scrollIntoView({block: 'center', inline: 'nearest'});
    t.focus({preventScroll: true});
    t.classList.remove('flash');
    void t.offsetWidth;
    t.classList.add('flash');
  }
  document.addEventListener('click', function (e) {
    var b = e.target.closest('[data-goto]');
    if (b) { goTo(b.getAttribute('data-goto')); return; }
    var p = e.target.closest('.p');
    if (p) select(p);
  });
  document.addEventListener('keydown', function (e) {
    if (e.key === 'Escape') { clear(); return; }
    var p = e.target.closest && e.target.closest('.p');
    if (p && (e.key === 'Enter' || e.key === ' ')) { e.preventDefault(); select(p); }
  });
})();
"""

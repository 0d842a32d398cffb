import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as OpenCC from 'opencc-js/cn2t';
import { cellsOf } from '../src/model/formats';
import type { Report } from '../src/model/report';
import { parseReportFile } from '../src/model/report-file';
import { renderHtml } from '../src/render/html';
import { renderText } from '../src/render/text';
import { toViewModel } from '../src/render/view-model';
import { identitiesOf } from '../src/rules/identities';
import { computeTotals } from '../src/rules/totals';

/**
 * Published-looking reports for the check-at-scale benchmark: what `xxgk check` meets when a
 * supervising office points it at a folder of its agencies' published reports.
 *
 * Each report starts from one of the five sample reports (test/fixtures, real published texts),
 * under another agency name and year of its format, with new figures: entered cells drawn from
 * a skewed distribution (many zeros, a few hundreds), totals computed and 一 + 二 made to equal
 * （七）总计 + 四 (H1), then in one report of
 * four one cell put off by one and in one of ten one cell left blank, as published reports do.
 * Half are published as plain text, half as HTML (one HTML page in three inside a portal page
 * with navigation, a script and a site footer); one text in ten in traditional characters, as
 * scraped from portals in Hong Kong-style fonts (the samples show it).
 */

/** mulberry32: a small seeded generator, so every run checks the same files. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PLACES = ['东川市', '南平县', '西岭区', '北辰市', '临江县', '青山区', '安宁市', '永和县', '长乐区', '清河县'];
const BODIES = ['人民政府', '人民政府办公室', '发展和改革局', '教育局', '财政局', '自然资源局', '生态环境局', '住房和城乡建设局', '交通运输局', '市场监督管理局'];

const PORTAL_HEAD =
  '<!doctype html><html><head><meta charset="utf-8"><title>政府信息公开</title>' +
  '<script>window.siteStats = { id: 12 };</script><style>.nav li { display: inline; }</style></head><body>' +
  '<div class="header"><img src="logo.png" alt="门户网站"><ul class="nav"><li><a href="/">首页</a></li>' +
  '<li><a href="/zwgk/">政务公开</a></li><li><a href="/hdjl/">互动交流</a></li><li><a href="/bsfw/">办事服务</a></li></ul></div>' +
  '<div class="position">当前位置：<a href="/">首页</a> &gt; <a href="/zwgk/">政府信息公开</a> &gt; 年度报告</div><div class="content">';
const PORTAL_FOOT =
  '</div><div class="share">分享到：<a href="#">微信</a> <a href="#">微博</a> <a href="javascript:window.print()">【打印】</a></div>' +
  '<div class="footer">主办单位：东川市人民政府办公室　网站标识码：0000000000　ICP备案号：某ICP备00000000号</div></body></html>';

function count(rand: () => number): number {
  const r = rand();
  if (r < 0.45) return 0;
  return Math.floor(Math.exp(rand() * Math.log(400)));
}

function withNewFigures(base: Report, rand: () => number): Report {
  const cells: Record<string, number | string | null> = {};
  for (const cell of cellsOf(base.format)) {
    if (cell.kind === 'money') cells[cell.id] = rand() < 0.5 ? '0' : (rand() * 50).toFixed(2);
    else cells[cell.id] = count(rand);
  }
  const withTotals = (): Report => {
    const drawn = { ...base, cells: cells as Report['cells'] };
    return { ...drawn, cells: { ...cells, ...computeTotals(drawn) } as Report['cells'] };
  };
  // H1 per applicant column: 一 new + 二 carried over = （七）总计 + 四 carried forward.
  const totals = withTotals();
  const computed = new Set(cellsOf(base.format).filter((c) => c.computed).map((c) => c.id));
  for (const h1 of identitiesOf(base.format).filter((i) => i.code === 'H1' && !computed.has(i.total))) {
    const [fresh, carried] = h1.plus as [string, string];
    const handled = totals.cells[h1.minus[0] as keyof Report['cells']] as number;
    const forward = cells[h1.total] as number;
    const incoming = handled + forward - (cells[carried] as number);
    if (incoming >= 0) cells[fresh] = incoming;
    else [cells[fresh], cells[carried]] = [0, handled + forward];
  }
  const report = withTotals();
  const ids = cellsOf(base.format).filter((c) => c.kind !== 'money').map((c) => c.id);
  const pick = () => ids[Math.floor(rand() * ids.length)] as string;
  const broken: Record<string, number | null> = {};
  if (rand() < 0.25) {
    const id = pick();
    const value = report.cells[id as keyof Report['cells']];
    broken[id] = typeof value === 'number' ? value + 1 : 1;
  }
  if (rand() < 0.1) broken[pick()] = null;
  return { ...report, cells: { ...report.cells, ...broken } as Report['cells'] };
}

function renamed(base: Report, agency: string, year: number): Report {
  const swap = (text: string) => text.replaceAll(base.agency.name, agency).replaceAll(`${base.year}年`, `${year}年`);
  return {
    ...base,
    agency: { ...base.agency, name: agency },
    year,
    publicationDate: base.publicationDate ? `${year + 1}${base.publicationDate.slice(4)}` : null,
    intro: swap(base.intro),
    overview: { lead: swap(base.overview.lead), blocks: base.overview.blocks.map((b) => ({ ...b, text: swap(b.text) })) },
    problems: { lastYear: swap(base.problems.lastYear), thisYear: swap(base.problems.thisYear) },
  };
}

export interface PublishedFile {
  readonly name: string;
  readonly body: string;
}

function loadSample(root: string, name: string): Report {
  const result = parseReportFile(readFileSync(join(root, 'test/fixtures', `${name}.json`), 'utf8'));
  if (!result.ok) throw new Error(`test/fixtures/${name}.json: ${result.problems.map((p) => p.message).join('; ')}`);
  return result.report;
}

/** `count` published reports, the same for the same seed; `root` is the project folder (for test/fixtures). */
export function* publishedCorpus(root: string, count: number, seed = 20_240_131): Generator<PublishedFile> {
  const rand = random(seed);
  const bases = ['sample-000', 'sample-001', 'sample-002', 'sample-003', 'sample-004'].map((name) => loadSample(root, name));
  const traditional = OpenCC.Converter({ from: 'cn', to: 'hk' });
  for (let i = 0; i < count; i += 1) {
    const base = bases[i % bases.length] as Report;
    const year = base.format === '2019' ? 2019 + Math.floor(rand() * 2) : 2021 + Math.floor(rand() * 5);
    const agency = `${PLACES[Math.floor(rand() * PLACES.length)]}${BODIES[Math.floor(rand() * BODIES.length)]}`;
    const vm = toViewModel(withNewFigures(renamed(base, agency, year), rand));
    const name = `r${String(i).padStart(5, '0')}`;
    if (i % 2 === 0) {
      const text = renderText(vm);
      yield { name: `${name}.txt`, body: rand() < 0.1 ? traditional(text) : text };
    } else {
      const html = renderHtml(vm);
      yield { name: `${name}.html`, body: rand() < 1 / 3 ? `${PORTAL_HEAD}${/<article[\s\S]*<\/article>/.exec(html)?.[0] ?? html}${PORTAL_FOOT}` : html };
    }
  }
}

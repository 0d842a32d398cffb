import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

/**
 * Self time by function from a V8 .cpuprofile (`node --cpu-prof`), largest first, with the
 * total (self + callees) beside it. For reading where `xxgk check` spends its time:
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/prof dist-cli/xxgk.mjs check <folder> --json > /dev/null
 *   npx tsx bench/cpu-profile.ts /tmp/prof/*.cpuprofile [--top 40]
 */

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
}

interface ProfileNode {
  readonly id: number;
  readonly callFrame: CallFrame;
  readonly children?: readonly number[];
}

interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly startTime: number;
  readonly endTime: number;
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

export interface FunctionTime {
  readonly name: string;
  readonly selfMs: number;
  readonly totalMs: number;
}

const nameOf = ({ functionName, url, lineNumber }: CallFrame) =>
  `${functionName || '(anonymous)'} ${url ? `${basename(url)}:${lineNumber + 1}` : ''}`.trim();

export function summarizeProfile(profile: Profile): { totalMs: number; functions: FunctionTime[] } {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const self = new Map<string, number>();
  const total = new Map<string, number>();
  // Every sample counts the same (the mean interval): on a busy machine the gaps between samples
  // vary with scheduling, and charging a long gap to one sample misleads.
  const ms = (profile.endTime - profile.startTime) / 1000 / Math.max(1, profile.samples.length);
  profile.samples.forEach((id) => {
    const node = byId.get(id);
    if (!node) return;
    const own = nameOf(node.callFrame);
    self.set(own, (self.get(own) ?? 0) + ms);
    // Each function counts once per sample in the total, however deep its recursion.
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = byId.get(at);
      if (!frame) break;
      const name = nameOf(frame.callFrame);
      if (seen.has(name)) continue;
      seen.add(name);
      total.set(name, (total.get(name) ?? 0) + ms);
    }
  });
  const functions = [...self.entries()]
    .map(([name, selfMs]) => ({ name, selfMs, totalMs: total.get(name) ?? selfMs }))
    .sort((a, b) => b.selfMs - a.selfMs);
  return { totalMs: (profile.endTime - profile.startTime) / 1000, functions };
}

if (process.argv[1] && import.meta.url.endsWith(basename(process.argv[1]))) {
  const args = process.argv.slice(2);
  const topAt = args.indexOf('--top');
  const top = topAt >= 0 ? Number(args.splice(topAt, 2)[1]) : 40;
  for (const file of args) {
    const { totalMs, functions } = summarizeProfile(JSON.parse(readFileSync(file, 'utf8')) as Profile);
    process.stdout.write(`${file}: ${(totalMs / 1000).toFixed(2)} s profiled\n`);
    process.stdout.write('  self ms    self %   total ms  function\n');
    for (const f of functions.slice(0, top)) {
      process.stdout.write(
        `${f.selfMs.toFixed(0).padStart(8)}  ${((100 * f.selfMs) / totalMs).toFixed(1).padStart(7)}  ${f.totalMs.toFixed(0).padStart(9)}  ${f.name}\n`,
      );
    }
  }
}

#!/usr/bin/env node
// Minimal MCP client for the end-to-end benchmark (no npm packages). Prints one JSON object on stdout.
//   node mcp-client.mjs coldstart   --runs 5 --query Q -- EXE ARGS...
//   node mcp-client.mjs stdio       --calls 1000 --queries FILE [--warmup N] -- EXE ARGS...
//   node mcp-client.mjs incremental --runs 5 --file F -- EXE ARGS...
//   node mcp-client.mjs http        --url http://127.0.0.1:PORT/mcp --clients 8 --seconds 20 --queries FILE
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const [mode, ...rest] = process.argv.slice(2);
const sep = rest.indexOf('--');
const opts = {}; const flags = sep >= 0 ? rest.slice(0, sep) : rest; const cmd = sep >= 0 ? rest.slice(sep + 1) : [];
for (let i = 0; i < flags.length; i += 2) opts[flags[i].replace(/^--/, '')] = flags[i + 1];
const now = () => Number(process.hrtime.bigint()) / 1e6;
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return s.length ? s[Math.min(s.length - 1, Math.max(0, Math.ceil(p / 100 * s.length) - 1))] : null; };
const stats = xs => ({ n: xs.length, mean: xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length), p50: pct(xs, 50), p90: pct(xs, 90), p99: pct(xs, 99), max: Math.max(...xs) });
const queries = () => readFileSync(opts.queries, 'utf8').split('\n').filter(l => l.trim()).map(l => JSON.parse(l)).filter(q => q.kind !== 'checklist').map(q => q.query);
const INIT = { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'archmcp-bench', version: '1' } };

/** A stdio MCP session: newline-delimited JSON-RPC over the child's stdin/stdout. */
class Stdio {
  constructor(argv) {
    this.child = spawn(argv[0], argv.slice(1), { stdio: ['pipe', 'pipe', 'pipe'] });
    this.pending = new Map(); this.id = 0; this.buf = ''; this.stderr = '';
    this.exited = new Promise(r => this.child.on('exit', code => { this.code = code; for (const p of this.pending.values()) p.reject(new Error(`server exited (${code}): ${this.stderr.slice(-400)}`)); r(code); }));
    this.child.stderr.on('data', d => { this.stderr += d; if (this.stderr.length > 20000) this.stderr = this.stderr.slice(-10000); });
    this.child.stdout.on('data', d => {
      this.buf += d; let nl;
      while ((nl = this.buf.indexOf('\n')) >= 0) {
        const line = this.buf.slice(0, nl).trim(); this.buf = this.buf.slice(nl + 1);
        if (!line) continue;
        let msg; try { msg = JSON.parse(line); } catch { continue; }
        if (msg.id !== undefined && this.pending.has(msg.id)) { const p = this.pending.get(msg.id); this.pending.delete(msg.id); msg.error ? p.reject(new Error(JSON.stringify(msg.error))) : p.resolve(msg.result); }
      }
    });
  }
  request(method, params, timeoutMs = 60000) {
    const id = ++this.id;
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => { this.pending.delete(id); reject(new Error(`timeout: ${method}`)); }, timeoutMs);
      this.pending.set(id, { resolve: v => { clearTimeout(t); resolve(v); }, reject: e => { clearTimeout(t); reject(e); } });
      this.child.stdin.write(JSON.stringify({ jsonrpc: '2.0', id, method, params }) + '\n');
    });
  }
  notify(method, params) { this.child.stdin.write(JSON.stringify({ jsonrpc: '2.0', method, params }) + '\n'); }
  async initialize(timeoutMs) { const r = await this.request('initialize', INIT, timeoutMs); this.notify('notifications/initialized', {}); return r; }
  /** Resolves once the server logs that its start-up refresh is done (or after timeoutMs). */
  async ready(timeoutMs = 60000) { const t0 = now(); while (!this.stderr.includes('Index ready') && now() - t0 < timeoutMs) await new Promise(r => setTimeout(r, 20)); }
  search(query, limit = 5) { return this.request('tools/call', { name: 'search_knowledge', arguments: { query, limit } }); }
  /** The child's user + system CPU time in ms (/proc/PID/stat, clock ticks of 10 ms). */
  cpuMs() { try { const f = readFileSync(`/proc/${this.child.pid}/stat`, 'utf8').split(') ')[1].split(' '); return (Number(f[11]) + Number(f[12])) * 10; } catch { return null; } }
  rss() { try { const s = readFileSync(`/proc/${this.child.pid}/status`, 'utf8'); const g = k => Number((s.match(new RegExp(`${k}:\\s+(\\d+)`)) || [])[1] || 0) / 1024; return { rssMiB: g('VmRSS'), peakMiB: g('VmHWM') }; } catch { return null; } }
  async close() { this.child.stdin.end(); const t = setTimeout(() => this.child.kill('SIGTERM'), 3000); await this.exited; clearTimeout(t); }
}
const hitsOf = r => r?.structuredContent?.hits ?? (() => { try { return JSON.parse(r.content.find(c => c.type === 'text').text).hits ?? []; } catch { return []; } })();

async function coldstart() {
  const runs = Number(opts.runs ?? 5), query = opts.query ?? 'event streaming';
  const res = [];
  for (let i = 0; i < runs + 1; i++) { // run 0 warms the OS file cache and is dropped
    const t0 = now(); const s = new Stdio(cmd);
    await s.initialize(180000); const tInit = now();
    const r = await s.search(query); const tSearch = now();
    if (i > 0) res.push({ initializeMs: tInit - t0, firstSearchMs: tSearch - t0, hits: hitsOf(r).length });
    await s.close();
  }
  return { runs: res, initialize: stats(res.map(r => r.initializeMs)), firstSearch: stats(res.map(r => r.firstSearchMs)) };
}

async function stdio() {
  const calls = Number(opts.calls ?? 1000), qs = queries();
  const s = new Stdio(cmd); await s.initialize(600000);
  // steady state: the server answers at once from the index on disk, but its start-up refresh (listing and checking
  // every file, starting the watcher) competes for the cores for a second or two; measured after it
  await s.ready();
  for (let i = 0; i < Number(opts.warmup ?? Math.max(100, qs.length * 3)); i++) await s.search(qs[i % qs.length], 5);
  // CPU time per call: the server's own CPU (all its threads) over the timed calls, steadier than wall time on a
  // shared machine
  const times = []; let empty = 0; const cpu0 = s.cpuMs();
  for (let i = 0; i < calls; i++) { const t = now(); const r = await s.search(qs[i % qs.length], 5); times.push(now() - t); if (!hitsOf(r).length) empty++; }
  const cpuMsPerCall = cpu0 === null ? null : (s.cpuMs() - cpu0) / calls;
  const mem = s.rss(); await s.close();
  return { search: stats(times), cpuMsPerCall, emptyResults: empty, memory: mem };
}

async function incremental() {
  const runs = Number(opts.runs ?? 5), file = opts.file, original = readFileSync(file, 'utf8');
  const s = new Stdio(cmd); await s.initialize(600000);
  await s.search('warm up the index'); await new Promise(r => setTimeout(r, 1500));
  const res = [];
  try {
    for (let i = 0; i < runs; i++) {
      const word = `zqincr${Date.now().toString(36)}x${i}`;
      const t0 = now(); writeFileSync(file, original + `\n\nThe benchmark added ${word} here.\n`);
      let found = false, polls = 0;
      while (!found && now() - t0 < 20000) { polls++; const r = await s.search(word, 5); found = hitsOf(r).length > 0; if (!found) await new Promise(r => setTimeout(r, 5)); }
      res.push({ ms: found ? now() - t0 : null, polls });
      await new Promise(r => setTimeout(r, 700));
    }
  } finally { writeFileSync(file, original); }
  const mem = s.rss(); await s.close();
  const ok = res.filter(r => r.ms !== null).map(r => r.ms);
  return { runs: res, latency: ok.length ? stats(ok) : null, missed: res.length - ok.length, memory: mem };
}

async function http() {
  const url = opts.url, clients = Number(opts.clients ?? 8), seconds = Number(opts.seconds ?? 20), qs = queries();
  const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream' };
  const parse = async res => {
    const text = await res.text();
    if ((res.headers.get('content-type') || '').includes('text/event-stream')) {
      const data = text.split('\n').filter(l => l.startsWith('data:')).map(l => l.slice(5).trim()).filter(Boolean).map(d => JSON.parse(d));
      return data.find(m => m.id !== undefined) ?? data[0];
    }
    return text ? JSON.parse(text) : null;
  };
  const session = async () => {
    const r = await fetch(url, { method: 'POST', headers, body: JSON.stringify({ jsonrpc: '2.0', id: 0, method: 'initialize', params: INIT }) });
    if (!r.ok) throw new Error(`initialize: HTTP ${r.status}`);
    const sid = r.headers.get('mcp-session-id'); const init = await parse(r);
    const h = { ...headers, ...(sid ? { 'mcp-session-id': sid } : {}), 'mcp-protocol-version': init?.result?.protocolVersion ?? INIT.protocolVersion };
    await (await fetch(url, { method: 'POST', headers: h, body: JSON.stringify({ jsonrpc: '2.0', method: 'notifications/initialized' }) })).text();
    return h;
  };
  const sessions = await Promise.all(Array.from({ length: clients }, session));
  const times = []; let errors = 0, id = 1; const end = now() + seconds * 1000; const warmEnd = now() + 2000;
  await Promise.all(sessions.map(async (h, c) => {
    let i = c;
    while (now() < end) {
      const t = now();
      try {
        const r = await fetch(url, { method: 'POST', headers: h, body: JSON.stringify({ jsonrpc: '2.0', id: id++, method: 'tools/call', params: { name: 'search_knowledge', arguments: { query: qs[i++ % qs.length], limit: 5 } } }) });
        const m = await parse(r); if (!r.ok || m?.error || m?.result?.isError) errors++;
      } catch { errors++; }
      if (t > warmEnd) times.push(now() - t);
    }
  }));
  return { clients, seconds, calls: times.length, callsPerSecond: times.length / (seconds - 2), errors, latency: stats(times) };
}

const run = { coldstart, stdio, incremental, http }[mode];
if (!run) { console.error('usage: mcp-client.mjs coldstart|stdio|incremental|http ...'); process.exit(2); }
run().then(r => { console.log(JSON.stringify(r)); process.exit(0); }, e => { console.error(`mcp-client ${mode}: ${e.message}`); process.exit(1); });

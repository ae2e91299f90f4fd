#!/usr/bin/env node
// measure.mjs — time archmcp as an MCP client sees it: process start → initialize reply, and tool-call
// latency (p50/p95) over stdio or Streamable HTTP. Plain JSON-RPC, no SDK; prints one JSON object.
//
//   node measure.mjs --stdio "<server command>" [--tool NAME --args JSON -n 200 --warmup 10]
//   node measure.mjs --http http://127.0.0.1:PORT/mcp [--start "<server command>"] [...]
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

const opt = { tool: 'search_knowledge', args: '{"query":"event-driven messaging with Kafka"}', n: 200, warmup: 10 };
for (let a = process.argv.slice(2); a.length; a = a.slice(2)) opt[a[0].replace(/^--?/, '')] = a[1];
const args = JSON.parse(opt.args), n = Number(opt.n), warmup = Number(opt.warmup);
const init = { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'measure', version: '1' } };
const now = () => performance.now();
const pct = (xs, p) => { const s = [...xs].sort((a, b) => a - b); return +s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)].toFixed(2); };

async function stdioClient(command) {
  const child = spawn('/bin/sh', ['-c', `exec ${command}`], { stdio: ['pipe', 'pipe', 'ignore'] });
  const waiting = new Map();
  createInterface({ input: child.stdout }).on('line', (line) => {
    const m = JSON.parse(line);
    if (m.id !== undefined && waiting.has(m.id)) { waiting.get(m.id)(m); waiting.delete(m.id); }
  });
  let id = 0;
  return {
    request: (method, params) => new Promise((resolve) => { const i = ++id; waiting.set(i, resolve); child.stdin.write(JSON.stringify({ jsonrpc: '2.0', id: i, method, params }) + '\n'); }),
    notify: (method) => child.stdin.write(JSON.stringify({ jsonrpc: '2.0', method }) + '\n'),
    close: () => child.kill('SIGTERM'),
  };
}

function httpClient(url) {
  let session, id = 0;
  const post = async (body) => {
    const headers = { 'content-type': 'application/json', accept: 'application/json, text/event-stream', 'mcp-protocol-version': '2025-11-25' };
    if (opt.token) headers.authorization = `Bearer ${opt.token}`;
    if (session) headers['mcp-session-id'] = session;
    const res = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
    session ??= res.headers.get('mcp-session-id') ?? undefined;
    const text = await res.text();
    if (!text) return null;
    if (!(res.headers.get('content-type') ?? '').includes('event-stream')) return JSON.parse(text);
    const messages = text.split('\n').filter((l) => l.startsWith('data:')).map((l) => l.slice(5).trim()).filter(Boolean).map((d) => JSON.parse(d));
    return messages.find((m) => m.id === body.id) ?? null;
  };
  return {
    request: (method, params) => post({ jsonrpc: '2.0', id: ++id, method, params }),
    notify: (method) => post({ jsonrpc: '2.0', method }),
    close: async () => { if (session) await fetch(url, { method: 'DELETE', headers: { 'mcp-session-id': session, ...(opt.token ? { authorization: `Bearer ${opt.token}` } : {}) } }).catch(() => {}); },
  };
}

async function waitForHttp(url) {
  for (;;) {
    try { await fetch(new URL('/healthz', url)); return; } catch { await new Promise((r) => setTimeout(r, 20)); }
  }
}

const t0 = now();
let server;
if (opt.http && opt.start) { server = spawn('/bin/sh', ['-c', `exec ${opt.start}`], { stdio: 'ignore' }); await waitForHttp(opt.http); }
const listening = now() - t0;
const client = opt.stdio ? await stdioClient(opt.stdio) : httpClient(opt.http);
const initReply = await client.request('initialize', init);
const initializeMs = now() - t0;
if (initReply?.error) throw new Error(JSON.stringify(initReply.error));
await client.notify('notifications/initialized');
const firstStart = now();
const first = await client.request('tools/call', { name: opt.tool, arguments: args });
const firstCallMs = now() - firstStart;
if (first?.error || first?.result?.isError) { console.error(JSON.stringify(first)); process.exitCode = 1; }
const times = [];
for (let i = 0; i < warmup + n; i++) {
  const s = now();
  const r = await client.request('tools/call', { name: opt.tool, arguments: args });
  if (r?.error || r?.result?.isError) { console.error(JSON.stringify(r)); process.exitCode = 1; break; }
  if (i >= warmup) times.push(now() - s);
}
await client.close();
server?.kill('SIGTERM');
console.log(JSON.stringify({
  transport: opt.stdio ? 'stdio' : 'http', tool: opt.tool,
  ...(opt.start ? { listeningMs: +listening.toFixed(0) } : {}),
  initializeMs: +initializeMs.toFixed(0), firstCallMs: +firstCallMs.toFixed(1),
  n: times.length, p50Ms: times.length ? pct(times, 50) : null, p95Ms: times.length ? pct(times, 95) : null,
}));

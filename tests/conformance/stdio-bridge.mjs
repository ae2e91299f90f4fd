#!/usr/bin/env node
// stdio-bridge.mjs — put a stdio MCP server behind a minimal Streamable HTTP endpoint on 127.0.0.1 so the
// HTTP-only conformance suite can exercise it. Each initialize starts one server process (a new session ends
// the previous one, so two servers never share an index); JSON-RPC messages pass through unchanged.
// Responses are returned as application/json; anything the server sends outside a response goes to the
// session's GET event stream when one is open.
//
//   node stdio-bridge.mjs "<server command>"      prints "LISTENING http://127.0.0.1:PORT/mcp" when ready
import http from 'node:http';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';

const command = process.argv.slice(2).join(' ');
if (!command) { process.stderr.write('usage: node stdio-bridge.mjs "<server command>"\n'); process.exit(2); }
const sessions = new Map(); // session id -> { child, pending: Map<id, resolve>, stream }

function startSession() {
  for (const id of sessions.keys()) endSession(id);
  const id = randomUUID();
  const child = spawn('/bin/sh', ['-c', `exec ${command}`], { stdio: ['pipe', 'pipe', 'inherit'] });
  const session = { child, pending: new Map(), stream: null };
  createInterface({ input: child.stdout }).on('line', (line) => {
    if (!line.trim()) return;
    let message;
    try { message = JSON.parse(line); } catch { process.stderr.write(`[bridge] not JSON on stdout: ${line}\n`); return; }
    const waiter = 'id' in message && !('method' in message) ? session.pending.get(String(message.id)) : undefined;
    if (waiter) { session.pending.delete(String(message.id)); waiter(message); }
    else if (session.stream) session.stream.write(`event: message\ndata: ${JSON.stringify(message)}\n\n`);
  });
  child.on('exit', () => { for (const done of session.pending.values()) done(null); sessions.delete(id); session.stream?.end(); });
  sessions.set(id, session);
  return [id, session];
}

function endSession(id) {
  const session = sessions.get(id);
  if (!session) return;
  sessions.delete(id);
  session.stream?.end();
  session.child.kill('SIGTERM');
}

function send(res, status, body, headers = {}) {
  res.writeHead(status, { 'content-type': 'application/json', ...headers });
  res.end(body === undefined ? undefined : JSON.stringify(body));
}

const rpcError = (message, code = -32600) => ({ jsonrpc: '2.0', id: null, error: { code, message } });

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

const server = http.createServer(async (req, res) => {
  if (new URL(req.url, 'http://x').pathname !== '/mcp') return send(res, 404, rpcError('Not found'));
  const sid = req.headers['mcp-session-id'];
  if (req.method === 'DELETE') { endSession(sid); return send(res, 200); }
  if (req.method === 'GET') {
    const session = sessions.get(sid);
    if (!session) return send(res, 404, rpcError('Unknown session'));
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', 'mcp-session-id': sid });
    res.write(': stream open\n\n');
    session.stream = res;
    req.on('close', () => { if (session.stream === res) session.stream = null; });
    return;
  }
  if (req.method !== 'POST') return send(res, 405, rpcError('Method not allowed'));
  let message;
  try { message = JSON.parse(await readBody(req)); } catch { return send(res, 400, rpcError('Parse error', -32700)); }
  let id = sid, session = sessions.get(sid);
  if (message.method === 'initialize') [id, session] = startSession();
  if (!session) return send(res, 404, rpcError('Unknown session'));
  const isRequest = 'method' in message && 'id' in message;
  const reply = isRequest ? new Promise((resolve) => session.pending.set(String(message.id), resolve)) : null;
  session.child.stdin.write(JSON.stringify(message) + '\n');
  if (!reply) return send(res, 202, undefined, { 'mcp-session-id': id });
  const answer = await reply;
  if (!answer) return send(res, 502, rpcError('The server process exited', -32603));
  send(res, 200, answer, { 'mcp-session-id': id });
});

const stop = () => { for (const id of [...sessions.keys()]) endSession(id); server.close(); process.exit(0); };
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
server.listen(0, '127.0.0.1', () => process.stdout.write(`LISTENING http://127.0.0.1:${server.address().port}/mcp\n`));

// meso lsp driven by the JSON-RPC libraries VS Code is built on
// (vscode-jsonrpc, vscode-languageserver-protocol): the session an editor
// has with it, on examples/hypertrophy-rir.meso. The binary is MESO_BINARY
// (ctest sets it), else build/meso.
'use strict';

const test = require('node:test');
const assert = require('node:assert');
const { spawn } = require('node:child_process');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { pathToFileURL, fileURLToPath } = require('node:url');
const rpc = require('vscode-languageserver-protocol/node');

const root = path.resolve(__dirname, '..', '..', '..');
const meso = process.env.MESO_BINARY || path.join(root, 'build', 'meso');
const examplePath = path.join(root, 'examples', 'hypertrophy-rir.meso');
const example = fs.readFileSync(examplePath, 'utf8');
const uri = pathToFileURL(examplePath).href;
const lines = example.split('\n');
const blockLine = lines.findIndex((l) => l.includes('6 weeks hypertrophy-rir'));

function start() {
  const cache = fs.mkdtempSync(path.join(os.tmpdir(), 'meso-lsp-node-'));
  const child = spawn(meso, ['lsp', '--cache-dir', cache], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = rpc.createProtocolConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const published = new Map(); // version -> diagnostics
  const waiting = new Map();
  connection.onNotification(rpc.PublishDiagnosticsNotification.type, (params) => {
    if (params.uri !== uri) return;
    published.set(params.version, params.diagnostics);
    if (waiting.has(params.version)) waiting.get(params.version)(params.diagnostics);
  });
  connection.listen();
  const diagnostics = (version) =>
    published.has(version) ? Promise.resolve(published.get(version)) : new Promise((resolve) => waiting.set(version, resolve));
  const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
  return { connection, diagnostics, exited, cache };
}

function change(connection, version, text) {
  connection.sendNotification(rpc.DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version },
    contentChanges: [{ text }],
  });
}

test('meso lsp answers a VS Code client on an example', async () => {
  const { connection, diagnostics, exited, cache } = start();
  const init = await connection.sendRequest(rpc.InitializeRequest.type, { processId: process.pid, rootUri: null, capabilities: {} });
  assert.strictEqual(init.capabilities.positionEncoding, 'utf-16');
  assert.strictEqual(init.capabilities.hoverProvider, true);
  assert.strictEqual(init.serverInfo.name, 'meso');
  connection.sendNotification(rpc.InitializedNotification.type, {});

  connection.sendNotification(rpc.DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId: 'meso', version: 1, text: example } });
  const opened = await diagnostics(1);
  assert.deepStrictEqual(opened.filter((d) => d.severity === 1), [], 'the example has no error');

  const onBlock = await connection.sendRequest(rpc.HoverRequest.type, { textDocument: { uri }, position: { line: blockLine, character: 3 } });
  assert.match(onBlock.contents.value, /2027-09-06 to 2027-10-17, 6 weeks, \d+ sessions for Riley/);
  const onTemplate = await connection.sendRequest(rpc.HoverRequest.type, { textDocument: { uri }, position: { line: blockLine, character: 14 } });
  assert.match(onTemplate.contents.value, /template hypertrophy-rir/);

  const definition = await connection.sendRequest(rpc.DefinitionRequest.type, { textDocument: { uri }, position: { line: blockLine, character: 14 } });
  const libraryFile = fileURLToPath(definition.uri);
  assert.ok(libraryFile.startsWith(cache), libraryFile);
  assert.ok(libraryFile.endsWith(path.join('std', 'templates.meso')));
  const libraryLine = fs.readFileSync(libraryFile, 'utf8').split('\n')[definition.range.start.line];
  assert.match(libraryLine, /^template hypertrophy-rir /);

  // A half-typed line: keyword and template completion still work.
  const typing = lines.slice(0, blockLine + 2).concat(['  then 1 week '], lines.slice(blockLine + 2)).join('\n');
  change(connection, 2, typing);
  const completion = await connection.sendRequest(rpc.CompletionRequest.type, { textDocument: { uri }, position: { line: blockLine + 2, character: 14 } });
  const labels = completion.items.map((item) => item.label);
  assert.ok(labels.includes('deload'), labels.join(' '));
  assert.ok(labels.includes('hypertrophy-rir'));

  // A misspelt template: an error, and the code action that fixes it.
  const misspelt = example.replace('6 weeks hypertrophy-rir', '6 weeks hypertrophy-rr');
  change(connection, 3, misspelt);
  const errors = (await diagnostics(3)).filter((d) => d.severity === 1);
  assert.strictEqual(errors.length, 1);
  assert.match(errors[0].message, /did you mean 'hypertrophy-rir'/);
  const actions = await connection.sendRequest(rpc.CodeActionRequest.type, { textDocument: { uri }, range: errors[0].range, context: { diagnostics: errors } });
  assert.strictEqual(actions[0].title, "Change to 'hypertrophy-rir'");
  assert.strictEqual(actions[0].edit.changes[uri][0].newText, 'hypertrophy-rir');

  // Formatting gives back the example's own layout (the examples are formatted).
  change(connection, 4, example.replace('  max squat 140 kg', 'max squat   140 kg'));
  const edits = await connection.sendRequest(rpc.DocumentFormattingRequest.type, { textDocument: { uri }, options: { tabSize: 2, insertSpaces: true } });
  assert.strictEqual(edits.length, 1);
  assert.strictEqual(edits[0].newText, example);

  await assert.rejects(connection.sendRequest('meso/unknown', {}), (e) => e.code === rpc.ErrorCodes.MethodNotFound);
  await connection.sendRequest(rpc.ShutdownRequest.type);
  connection.sendNotification(rpc.ExitNotification.type);
  assert.strictEqual(await exited, 0);
  connection.dispose();
});

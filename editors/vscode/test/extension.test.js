// The extension's entry point, loaded with a stubbed `vscode` module (VS
// Code itself cannot be run here): activating it starts a language client
// whose server is `meso lsp`, and the setting meso.path names the program.
'use strict';

const test = require('node:test');
const assert = require('node:assert');
const Module = require('node:module');
const path = require('node:path');

// Every property of the stub is a function that is also an object of such
// functions: enough for vscode-languageclient to load.
function stub(name) {
  const target = function () {};
  return new Proxy(target, {
    get(t, key) {
      if (key === 'prototype') return t.prototype;
      if (key === Symbol.toPrimitive) return () => name;
      if (!(key in t)) t[key] = stub(`${name}.${String(key)}`);
      return t[key];
    },
    construct() { return stub(`new ${name}`); },
    apply() { return undefined; },
  });
}

let setting;
const vscode = stub('vscode');
vscode.version = '1.82.0';  // the client checks the editor's version
vscode.workspace.getConfiguration = (section) => ({ get: (key) => (section === 'meso' && key === 'path' ? setting : undefined) });
const resolve = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  return request === 'vscode' ? 'vscode' : resolve.call(this, request, ...rest);
};
require.cache.vscode = { id: 'vscode', filename: 'vscode', loaded: true, exports: vscode };

const { LanguageClient } = require('vscode-languageclient/node');
const started = [];
LanguageClient.prototype.start = function () {
  started.push(this);
  return Promise.resolve();
};
LanguageClient.prototype.stop = function () { return Promise.resolve(); };

const extension = require(path.join(__dirname, '..', 'extension.js'));

test('activating the extension starts a language client running meso lsp for meso files', async () => {
  const context = { subscriptions: [] };
  await extension.activate(context);
  assert.strictEqual(started.length, 1);
  const client = started[0];
  assert.deepStrictEqual(client._serverOptions, { command: 'meso', args: ['lsp'] });
  assert.deepStrictEqual(client.clientOptions.documentSelector.map((s) => s.language), ['meso', 'meso']);
  assert.strictEqual(context.subscriptions.length, 1);
  await extension.deactivate();
});

test('the setting meso.path names the program that runs meso lsp', () => {
  setting = '/opt/meso/bin/meso';
  assert.deepStrictEqual(extension.serverOptions(), { command: '/opt/meso/bin/meso', args: ['lsp'] });
});

test('the manifest activates the extension on meso files and names its entry point', () => {
  const manifest = require('../package.json');
  assert.strictEqual(manifest.main, './extension.js');
  assert.ok(manifest.activationEvents.includes('onLanguage:meso'));
  assert.ok(manifest.dependencies['vscode-languageclient']);
});

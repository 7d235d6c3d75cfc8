// The meso extension's entry point: a language client that starts
// `meso lsp` (docs/editors.md) for .meso files. The TextMate grammar
// (syntaxes/) colours the text; the server gives errors as you type,
// hover, completion, go to definition, the outline, formatting, quick
// fixes and each block's dates.
'use strict';

const vscode = require('vscode');
const { LanguageClient } = require('vscode-languageclient/node');

let client;

// The command that runs the server: the setting meso.path, else `meso` on PATH.
function serverOptions() {
  const command = vscode.workspace.getConfiguration('meso').get('path') || 'meso';
  return { command, args: ['lsp'] };
}

function activate(context) {
  client = new LanguageClient('meso', 'meso', serverOptions(), {
    documentSelector: [
      { scheme: 'file', language: 'meso' },
      { scheme: 'untitled', language: 'meso' },
    ],
  });
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate, serverOptions };
